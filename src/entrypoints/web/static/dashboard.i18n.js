// The dashboard's words in English and Persian; `t(key, ...args)` fills {0}, {1}, ...
import { REPORT_STRINGS } from "./dashboard.reports.i18n.js";
import { TEAM_STRINGS } from "./dashboard.team.i18n.js";
import { CANNED_STRINGS } from "./dashboard.canned.i18n.js";
import { CONTEXT_STRINGS } from "./dashboard.context.i18n.js";
import { AVAILABILITY_STRINGS } from "./dashboard.availability.i18n.js";
import { NOTIFY_STRINGS } from "./dashboard.notify.i18n.js";

const STRINGS = {
  en: {
    skip: "Skip to content", brand: "Pasokh Support desk", sections: "Sections",
    tabChats: "Chats", tabFaqs: "FAQs", logout: "Log out", title: "Pasokh — Support desk",
    loginTitle: "Sign in to the support desk", username: "Username", password: "Password",
    signIn: "Sign in", wrongPassword: "Wrong username or password.",
    tooMany: "Too many attempts. Please wait a minute and try again.",
    expired: "Your session has ended. Please sign in again.", loggedOut: "You have signed out.",
    offline: "Cannot reach the server. Please try again.", fillBoth: "Enter your username and password.",
    queue: "Queue", active: "Active chats", queueEmpty: "Nobody is waiting.",
    activeEmpty: "No conversations in progress.",
    pickOne: "Choose a conversation from the queue or the active chats.",
    join: "Join", close: "Close conversation", send: "Send", replyLabel: "Reply to the visitor",
    replyHint: "Write a reply… (Enter sends, Shift+Enter for a new line)",
    connecting: "Connecting…", reconnecting: "Reconnecting in {0}s…", online: "Online",
    signedInAs: "Signed in as {0}", position: "#{0}", waiting: "waiting {0}", mine: "yours",
    heldBy: "with {0}", visitor: "Visitor", bot: "Bot", agentSender: "Agent", system: "System",
    you: "You", conversation: "Conversation {0}", sending: "sending…",
    reasonKeyword: "keyword: {0}", reasonUnsure: "AI unsure ({0})", reasonFailed: "AI failed",
    reasonAsked: "asked for a person", reasonAiHuman: "AI asked for a person",
    flood: "possible flood", floodHint: "One network escalated more conversations than its limit allows; these wait after the others.",
    reason: "Reason: {0}", statusQueued: "waiting in the queue", statusWithAgent: "with {0}", statusMine: "assigned to you",
    statusClosed: "closed", statusBot: "with the bot", visitorTyping: "The visitor is typing…",
    newInQueue: "{0} waiting in the queue.", joinedChat: "You joined the conversation.",
    chatClosed: "The conversation is closed.", newMessage: "Visitor: {0}",
    src_faq: "FAQ", src_ai: "AI", src_fallback: "fallback", src_agent: "agent", src_system: "built-in reply",
    offered: "Offered: {0}", cited: "Cites FAQ {0}", chose: "Chose the suggested FAQ {0}",
    helpfulYes: "The visitor found this helpful", helpfulNo: "The visitor found this unhelpful",
    rated: "Rated {0}/5", ratedWith: "Rated {0}/5: “{1}”",
    err_already_assigned: "Another agent has already taken this conversation.",
    err_too_many_chats: "You already hold as many conversations as allowed. Close one first.",
    err_forbidden: "Another agent holds this conversation; only they can write in it.",
    err_closed: "This conversation is closed.", err_not_found: "This conversation no longer exists.",
    err_invalid: "The server did not accept that: {0}", err_other: "Something went wrong: {0}",
    faqsTitle: "Frequently asked questions", search: "Search FAQs", faqNew: "New FAQ",
    faqEmpty: "No FAQ matches.", fQuestion: "Question", fAnswer: "Answer",
    fKeywords: "Keywords (comma separated)", fCategory: "Category", fPriority: "Priority",
    fActive: "Active (offered to visitors)", save: "Save", deactivate: "Deactivate",
    cancel: "Cancel", status: "Status", actions: "Actions", edit: "Edit", faqActive: "Active",
    faqInactive: "Inactive", addTitle: "New FAQ", editTitle: "Edit FAQ", saved: "Saved.",
    deactivated: "Deactivated.", fixField: "Please fix the field “{0}”.",
    editNamed: "Edit “{0}”",
  },
  fa: {
    skip: "رفتن به محتوا", brand: "میز پشتیبانی پاسخ", sections: "بخش‌ها",
    tabChats: "گفتگوها", tabFaqs: "پرسش‌های متداول", logout: "خروج", title: "پاسخ — میز پشتیبانی",
    loginTitle: "ورود به میز پشتیبانی", username: "نام کاربری", password: "گذرواژه",
    signIn: "ورود", wrongPassword: "نام کاربری یا گذرواژه نادرست است.",
    tooMany: "تلاش‌ها بیش از حد بود. یک دقیقه صبر کنید و دوباره امتحان کنید.",
    expired: "نشست شما به پایان رسید. لطفاً دوباره وارد شوید.", loggedOut: "از حساب خود خارج شدید.",
    offline: "دسترسی به سرور ممکن نیست. دوباره تلاش کنید.", fillBoth: "نام کاربری و گذرواژه را وارد کنید.",
    queue: "صف انتظار", active: "گفتگوهای جاری", queueEmpty: "کسی در صف نیست.",
    activeEmpty: "گفتگویی در جریان نیست.",
    pickOne: "یک گفتگو را از صف یا گفتگوهای جاری انتخاب کنید.",
    join: "پذیرفتن", close: "پایان گفتگو", send: "ارسال", replyLabel: "پاسخ به بازدیدکننده",
    replyHint: "پاسخ را بنویسید… (Enter ارسال، Shift+Enter خط تازه)",
    connecting: "در حال اتصال…", reconnecting: "اتصال دوباره تا {0} ثانیه دیگر…", online: "متصل",
    signedInAs: "وارد شده با نام {0}", position: "#{0}", waiting: "انتظار {0}", mine: "شما",
    heldBy: "با {0}", visitor: "بازدیدکننده", bot: "ربات", agentSender: "پشتیبان", system: "سیستم",
    you: "شما", conversation: "گفتگو {0}", sending: "در حال ارسال…",
    reasonKeyword: "کلیدواژه: {0}", reasonUnsure: "هوش مصنوعی مطمئن نبود ({0})",
    reasonFailed: "خطای هوش مصنوعی", reasonAsked: "درخواست گفتگو با یک انسان",
    flood: "احتمال هجوم", floodHint: "از یک شبکه بیش از حد مجاز گفتگو به صف آمده است؛ این‌ها پس از بقیه می‌آیند.",
    reasonAiHuman: "هوش مصنوعی ارجاع به انسان را خواست",
    reason: "علت: {0}", statusQueued: "در صف انتظار", statusWithAgent: "با {0}", statusMine: "با شما",
    statusClosed: "پایان‌یافته", statusBot: "با ربات", visitorTyping: "بازدیدکننده در حال نوشتن است…",
    newInQueue: "{0} نفر در صف انتظار.", joinedChat: "به گفتگو پیوستید.",
    chatClosed: "گفتگو پایان یافت.", newMessage: "بازدیدکننده: {0}",
    src_faq: "پرسش متداول", src_ai: "هوش مصنوعی", src_fallback: "پاسخ پیش‌فرض", src_agent: "پشتیبان", src_system: "پاسخ آماده",
    offered: "پیشنهادها: {0}", cited: "با استناد به پرسش {0}", chose: "پرسش پیشنهادی {0} را انتخاب کرد",
    helpfulYes: "به گفتهٔ بازدیدکننده این پاسخ کمک کرد", helpfulNo: "به گفتهٔ بازدیدکننده این پاسخ کمکی نکرد",
    rated: "امتیاز {0} از ۵", ratedWith: "امتیاز {0} از ۵: «{1}»",
    err_already_assigned: "پشتیبان دیگری این گفتگو را پذیرفته است.",
    err_too_many_chats: "به سقف گفتگوهای هم‌زمان رسیده‌اید. ابتدا یکی را ببندید.",
    err_forbidden: "این گفتگو با پشتیبان دیگری است و فقط او می‌تواند در آن بنویسد.",
    err_closed: "این گفتگو پایان یافته است.", err_not_found: "این گفتگو دیگر وجود ندارد.",
    err_invalid: "سرور این را نپذیرفت: {0}", err_other: "خطایی رخ داد: {0}",
    faqsTitle: "پرسش‌های متداول", search: "جستجو در پرسش‌ها", faqNew: "پرسش تازه",
    faqEmpty: "پرسشی پیدا نشد.", fQuestion: "پرسش", fAnswer: "پاسخ",
    fKeywords: "کلیدواژه‌ها (جدا با ویرگول)", fCategory: "دسته", fPriority: "اولویت",
    fActive: "فعال (به بازدیدکنندگان پیشنهاد می‌شود)", save: "ذخیره", deactivate: "غیرفعال کردن",
    cancel: "انصراف", status: "وضعیت", actions: "کارها", edit: "ویرایش", faqActive: "فعال",
    faqInactive: "غیرفعال", addTitle: "پرسش تازه", editTitle: "ویرایش پرسش", saved: "ذخیره شد.",
    deactivated: "غیرفعال شد.", fixField: "لطفاً بخش «{0}» را اصلاح کنید.",
    editNamed: "ویرایش «{0}»",
  },
};

for (const code of ["en", "fa"]) {
  Object.assign(STRINGS[code], REPORT_STRINGS[code], TEAM_STRINGS[code], CANNED_STRINGS[code],
    CONTEXT_STRINGS[code], AVAILABILITY_STRINGS[code], NOTIFY_STRINGS[code]);
}

let language = localStorage.getItem("pasokh-desk:lang") === "fa" ? "fa" : "en";

export function lang() { return language; }

export function t(key, ...args) {
  const text = STRINGS[language][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

export function setLanguage(next) {
  language = next;
  localStorage.setItem("pasokh-desk:lang", next);
  applyLanguage();
}

export function applyLanguage() {
  document.documentElement.lang = language;
  document.documentElement.dir = language === "fa" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  const toggle = document.getElementById("lang");
  toggle.textContent = language === "fa" ? "English" : "فارسی";
  toggle.lang = language === "fa" ? "en" : "fa";
}

/** "keyword:پرداخت" -> "keyword: پرداخت", "low_confidence:0.41" -> "AI unsure (0.41)". */
export function describeReason(reason) {
  if (!reason) return "";
  const [kind, ...rest] = reason.split(":");
  const value = rest.join(":");
  switch (kind) {
    case "keyword": return t("reasonKeyword", value);
    case "low_confidence": return t("reasonUnsure", value);
    case "ai_error": return t("reasonFailed");
    case "visitor_request": return t("reasonAsked");
    case "ai_needs_human": return t("reasonAiHuman");
    default: return reason;
  }
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const text = s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return language === "fa" ? text.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]) : text;
}
