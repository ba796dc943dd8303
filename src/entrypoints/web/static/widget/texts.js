// What the visitor reads, in English and Persian.
import { LANG, options } from './config.js';

export const formatNumber = (n) => new Intl.NumberFormat(LANG === 'fa' ? 'fa-IR' : 'en-US').format(n);

const TEXTS = {
  en: {
    title: 'Chat with us', open: 'Open chat', close: 'Close chat', message: 'Message',
    placeholder: 'Write a message…', send: 'Send', log: 'Conversation',
    you: 'You', bot: 'Assistant', agent: 'Support agent', faq: 'FAQ', ai: 'AI',
    sending: 'Sending…', waiting: 'Will send when reconnected',
    online: 'Online · answers right away', connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    queued: 'Waiting for a person',
    position: (n) => `You are number ${formatNumber(n)} in the queue`,
    wait: (s) => (s < 60 ? 'about a minute' : `about ${formatNumber(Math.round(s / 60))} minutes`),
    withAgent: (name) => `You are chatting with ${name}`,
    typing: (name) => `${name} is typing…`,
    ended: 'Conversation ended', closed: 'This conversation has ended.', restart: 'Start a new conversation',
    welcome: 'Hi! How can we help? Ask about appointments, opening hours, insurance and more.',
    suggestions: 'Popular questions',
    offers: 'Questions that may answer yours',
    unread: (n) => `${n} new`, poweredBy: 'Powered by Pasokh',
    tooLong: (n) => `Messages can be up to ${n} characters. Please shorten yours.`,
    errors: {
      invalid: 'That message could not be sent. Please check it and try again.',
      too_large: 'That message is too long. Please shorten it and try again.',
      rate_limited: (s) => `You are sending messages quickly. Yours will go out in ${formatNumber(s)} second${s === 1 ? '' : 's'}.`,
      unavailable: (s) => `We could not save your message just now. It will be sent again in ${formatNumber(s)} second${s === 1 ? '' : 's'}.`,
      closed: 'This conversation has ended. Start a new one to send your message.',
      other: 'Something went wrong. Your message will be sent again shortly.',
    },
  },
  fa: {
    title: 'گفتگو با ما', open: 'باز کردن گفتگو', close: 'بستن گفتگو', message: 'پیام',
    placeholder: 'پیامتان را بنویسید…', send: 'ارسال', log: 'گفتگو',
    you: 'شما', bot: 'دستیار', agent: 'کارشناس پشتیبانی', faq: 'پرسش متداول', ai: 'هوش مصنوعی',
    sending: 'در حال ارسال…', waiting: 'پس از وصل شدن ارسال می‌شود',
    online: 'آنلاین · پاسخ فوری', connecting: 'در حال اتصال…',
    reconnecting: 'اتصال قطع شد. در حال اتصال دوباره…',
    queued: 'در انتظار کارشناس',
    position: (n) => `نفر ${formatNumber(n)} در صف هستید`,
    wait: (s) => (s < 60 ? 'حدود یک دقیقه' : `حدود ${formatNumber(Math.round(s / 60))} دقیقه`),
    withAgent: (name) => `در حال گفتگو با ${name}`,
    typing: (name) => `${name} در حال نوشتن است…`,
    ended: 'گفتگو پایان یافت', closed: 'این گفتگو به پایان رسید.', restart: 'شروع گفتگوی تازه',
    welcome: 'سلام! چطور می‌توانیم کمک کنیم؟ دربارهٔ نوبت، ساعات کاری، بیمه و هر چیز دیگر بپرسید.',
    suggestions: 'پرسش‌های پرتکرار',
    offers: 'پرسش‌هایی که شاید پاسخ شما باشند',
    unread: (n) => `${formatNumber(n)} پیام تازه`, poweredBy: 'ساخته‌شده با پاسخ',
    tooLong: (n) => `پیام حداکثر ${formatNumber(n)} نویسه است. لطفاً کوتاه‌ترش کنید.`,
    errors: {
      invalid: 'این پیام فرستاده نشد. لطفاً آن را بررسی کنید و دوباره بفرستید.',
      too_large: 'این پیام خیلی طولانی است. لطفاً کوتاه‌ترش کنید و دوباره بفرستید.',
      rate_limited: (s) => `پیام‌ها را کمی سریع می‌فرستید. پیام شما تا ${formatNumber(s)} ثانیهٔ دیگر فرستاده می‌شود.`,
      unavailable: (s) => `پیام شما همین حالا ذخیره نشد. تا ${formatNumber(s)} ثانیهٔ دیگر دوباره فرستاده می‌شود.`,
      closed: 'این گفتگو به پایان رسیده است. برای فرستادن پیام، گفتگوی تازه‌ای شروع کنید.',
      other: 'مشکلی پیش آمد. پیام شما به‌زودی دوباره فرستاده می‌شود.',
    },
  },
};

export const T = TEXTS[LANG];
export const TITLE = (options.title || '').trim() || T.title;
