/*! Pasokh chat widget. Embed with one line:
 *    <script src="https://HOST/widget.js" defer></script>
 *  Options (data attributes on that tag): data-title, data-color (#rgb or #rrggbb),
 *  data-lang (fa | en), data-position (right | left). See docs/widget.md.
 *  Plain JavaScript, no build step. Everything renders inside a shadow root, and every
 *  stored text is set with textContent, never as HTML.
 */
(() => {
  'use strict';

  const script = document.currentScript ||
    Array.from(document.scripts).find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  if (!script || !script.src) return;

  // ---------------------------------------------------------------- configuration ----
  const BASE = new URL('.', script.src);            // the Pasokh server, not the host page
  const API = new URL('chat/api/', BASE);
  const SOCKETS = new URL('ws/chat/', BASE);
  SOCKETS.protocol = BASE.protocol === 'https:' ? 'wss:' : 'ws:';
  const NAMESPACE = `pasokh:${BASE.origin}${BASE.pathname}`;
  window.__pasokhWidgets = window.__pasokhWidgets || {};
  if (window.__pasokhWidgets[NAMESPACE]) return;    // embedded twice: one widget is enough
  window.__pasokhWidgets[NAMESPACE] = true;

  const MAX_TEXT = 4000;
  const TYPING_EVERY_MS = 2500;
  const TYPING_SHOWN_MS = 6000;
  const BACKOFF_FIRST_MS = 500;
  const BACKOFF_MAX_MS = 30000;
  const UNKNOWN_SESSION = 4404;

  const options = script.dataset;
  const LANG = pickLanguage(options.lang);
  const DIR = LANG === 'fa' ? 'rtl' : 'ltr';
  const SIDE = options.position === 'left' ? 'left' : 'right';
  const COLOR = parseHex(options.color) || [15, 118, 110];

  function pickLanguage(wanted) {
    const choose = (tag) => (/^fa\b/i.test(tag || '') ? 'fa' : 'en');
    if (wanted === 'fa' || wanted === 'en') return wanted;
    const root = document.documentElement;
    if (root.lang) return choose(root.lang);
    if ((root.dir || document.body && document.body.dir) === 'rtl') return 'fa';
    return choose((navigator.languages && navigator.languages[0]) || navigator.language);
  }

  function parseHex(value) {
    const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value || '').trim());
    if (!match) return null;
    const hex = match[1].length === 3 ? match[1].replace(/./g, '$&$&') : match[1];
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }

  // WCAG 2 relative luminance and contrast, to pick readable text on the chosen colour.
  function luminance([r, g, b]) {
    const linear = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  const WHITE = [255, 255, 255];
  const DARK = [17, 24, 39];
  const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;
  const ON_COLOR = contrast(COLOR, WHITE) >= contrast(COLOR, DARK) ? WHITE : DARK;
  // Links and focus rings sit on white: use the colour only where it reads there.
  const ACCENT = contrast(COLOR, WHITE) >= 4.5 ? COLOR : [31, 41, 55];

  // ------------------------------------------------------------------------ texts ----
  const formatNumber = (n) => new Intl.NumberFormat(LANG === 'fa' ? 'fa-IR' : 'en-US').format(n);
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
  const T = TEXTS[LANG];
  const TITLE = (options.title || '').trim() || T.title;

  // A message's own direction follows its language, not its first letter: Persian that
  // starts with a Latin name or brand ("Sara به گفتگو پیوست") still reads right to left.
  // The script most of its letters are in decides; on a tie, the first strong letter.
  const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  const STRONG_CHAR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/g;
  const LTR_CHARS = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/g;
  function directionOf(text) {
    const rtl = (text.match(RTL_CHARS) || []).length;
    const ltr = (text.match(LTR_CHARS) || []).length;
    if (rtl !== ltr) return rtl > ltr ? 'rtl' : 'ltr';
    const first = STRONG_CHAR.exec(text);
    return first && RTL_CHAR.test(first[0]) ? 'rtl' : (first ? 'ltr' : DIR);
  }
  const isPersian = (text) => directionOf(text) === 'rtl';

  // ---------------------------------------------------------------------- storage ----
  // localStorage can be missing or throw (privacy modes, sandboxed frames): fall back to memory.
  const memory = {};
  const store = {
    get(name) {
      try { return window.localStorage.getItem(`${NAMESPACE}:${name}`); } catch { return memory[name] ?? null; }
    },
    set(name, value) {
      try {
        if (value === null) window.localStorage.removeItem(`${NAMESPACE}:${name}`);
        else window.localStorage.setItem(`${NAMESPACE}:${name}`, value);
      } catch { memory[name] = value; }
    },
  };
  function loadOutbox() {
    try {
      const items = JSON.parse(store.get('outbox') || '[]');
      return Array.isArray(items) ? items.filter((i) => i && typeof i.text === 'string' && i.client_id) : [];
    } catch { return []; }
  }
  const newClientId = () => (window.crypto && crypto.randomUUID ? crypto.randomUUID()
    // crypto.randomUUID needs a secure context; host pages on plain http get this instead.
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

  // ------------------------------------------------------------------------ state ----
  // The server is the record: messages are never stored here, only the session key and
  // the outbox (sent but not yet echoed back), so a reload loses and doubles nothing.
  const state = {
    key: store.get('session'),
    status: 'bot',
    agent: null,
    queue: null,             // {position, wait} from `queue` frames, while queued
    lastSeq: 0,
    seen: new Set(),         // seqs already on screen
    outbox: loadOutbox(),    // oldest first
    connection: 'idle',      // idle | connecting | online | reconnecting
    open: false,
    unread: 0,
  };
  let socket = null;
  let synced = false;        // the current socket has delivered its `session` frame
  let inflight = [];         // client_ids sent on the current socket, awaiting echo or error
  let attempt = 0;
  let reconnectTimer = 0;
  let retryTimer = 0;
  let creating = false;
  let lastTypingSent = 0;

  const saveOutbox = () => store.set('outbox', state.outbox.length ? JSON.stringify(state.outbox) : null);
  const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  function backoff() {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
    attempt += 1;
    return ceiling / 2 + Math.random() * (ceiling / 2);  // "equal jitter"
  }

  // ------------------------------------------------------------ session and socket ----
  async function ensureSession() {
    if (state.key) { connect(); return; }
    if (creating) return;
    creating = true;
    try {
      while (!state.key) {
        let wait;
        try {
          const response = await fetch(new URL('sessions/', API).href, { method: 'POST', credentials: 'omit' });
          if (response.ok) {
            const body = await response.json();
            state.key = body.session_key;
            store.set('session', state.key);
            attempt = 0;
            break;
          }
          const retryAfter = Number(response.headers.get('Retry-After'));
          wait = response.status === 429 && retryAfter > 0 ? retryAfter * 1000 : backoff();
        } catch {
          wait = backoff();
        }
        setConnection('reconnecting');
        await sleep(wait);
      }
    } finally {
      creating = false;
    }
    connect();
  }

  function connect() {
    if (!state.key || socket) return;
    clearTimeout(reconnectTimer);
    const url = new URL(`${encodeURIComponent(state.key)}/`, SOCKETS);
    if (state.lastSeq > 0) url.searchParams.set('after_seq', String(state.lastSeq));
    const current = new WebSocket(url.href);
    socket = current;
    synced = false;
    inflight = [];
    if (state.connection !== 'reconnecting') setConnection('connecting');
    current.addEventListener('message', (event) => { if (socket === current) receive(event.data); });
    current.addEventListener('close', (event) => { if (socket === current) disconnected(event.code); });
  }

  function disconnected(code) {
    socket = null;
    synced = false;
    inflight = [];
    if (code === UNKNOWN_SESSION) {
      // The server does not know this conversation: start afresh, keeping unsent messages.
      forgetSession();
      if (state.outbox.length) ensureSession();
      return;
    }
    if (state.status === 'closed' && !state.outbox.length) { setConnection('idle'); return; }
    setConnection('reconnecting');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, backoff());
  }

  function reconnectNow() {
    if (state.key && !socket) { attempt = 0; connect(); }
  }

  function forgetSession() {
    const old = socket;
    socket = null;
    synced = false;
    inflight = [];
    if (old) old.close(1000);
    clearTimeout(reconnectTimer);
    store.set('session', null);
    Object.assign(state, { key: null, status: 'bot', agent: null, queue: null, lastSeq: 0,
      seen: new Set(), unread: 0 });
    attempt = 0;
    setConnection('idle');
    ui.clearConversation();
    ui.renderStatus();
  }

  function receive(raw) {
    let frame;
    try { frame = JSON.parse(raw); } catch { return; }
    switch (frame && frame.type) {
      case 'session':
        synced = true;
        attempt = 0;
        setConnection('online');
        (frame.messages || []).forEach((message) => addMessage(message, false));
        setStatus(frame.status, frame.agent);
        flush();
        break;
      case 'message':
        if (frame.message) addMessage(frame.message, true);
        break;
      case 'status':
        setStatus(frame.status, frame.agent);
        break;
      case 'queue':
        state.queue = { position: frame.position, wait: frame.estimated_wait_seconds };
        ui.renderStatus();
        break;
      case 'typing':
        if (frame.sender === 'agent') ui.showTyping();
        break;
      case 'error':
        onError(frame);
        break;
      default:  // frames of a newer server: ignore what we do not know
    }
  }

  function addMessage(message, live) {
    if (!message || typeof message.seq !== 'number') return;
    if (message.client_id) acknowledge(message.client_id);
    if (state.seen.has(message.seq)) return;  // a resend's second echo, or a replay
    state.seen.add(message.seq);
    state.lastSeq = Math.max(state.lastSeq, message.seq);
    if (message.sender === 'agent') ui.hideTyping();
    ui.appendMessage(message);
    if (live && message.sender !== 'user' && !state.open) state.unread += 1;
    ui.renderStatus();
  }

  function acknowledge(clientId) {
    inflight = inflight.filter((id) => id !== clientId);
    const kept = state.outbox.filter((item) => item.client_id !== clientId);
    if (kept.length === state.outbox.length) return;
    state.outbox = kept;
    saveOutbox();
    ui.removePending(clientId);
  }

  function setStatus(status, agent) {
    if (agent) state.agent = agent;
    if (status) state.status = status;
    if (state.status !== 'queued') state.queue = null;
    if (state.status === 'closed') {
      // Nothing more can be sent here: give unsent texts back to the visitor.
      state.outbox.forEach((item) => { ui.removePending(item.client_id); ui.restoreDraft(item.text); });
      state.outbox = [];
      saveOutbox();
      ui.hideTyping();
    }
    ui.renderStatus();
  }

  function setConnection(connection) {
    state.connection = connection;
    ui.renderStatus();
  }

  // --------------------------------------------------------------------- sending ----
  // faqId: the FAQ the visitor chose among the bot's suggestions; it is answered as is.
  function submit(text, faqId) {
    const trimmed = text.trim();
    if (!trimmed) return false;
    if ([...trimmed].length > MAX_TEXT) { ui.notice(T.tooLong(MAX_TEXT)); return false; }
    if (state.status === 'closed') return false;
    const item = { client_id: newClientId(), text: trimmed };
    if (typeof faqId === 'string' && faqId) item.faq_id = faqId;
    state.outbox.push(item);
    saveOutbox();
    ui.appendPending(item);
    if (state.key) flush(); else ensureSession();
    return true;
  }

  function flush() {
    if (!socket || socket.readyState !== WebSocket.OPEN || !synced) { ui.refreshPending(); return; }
    const now = Date.now();
    for (const item of state.outbox) {
      if (inflight.includes(item.client_id) || (item.notBefore || 0) > now) continue;
      const frame = { type: 'message', text: item.text, client_id: item.client_id };
      if (item.faq_id) frame.faq_id = item.faq_id;
      socket.send(JSON.stringify(frame));
      inflight.push(item.client_id);
    }
    ui.refreshPending();
  }

  function sendTyping() {
    const now = Date.now();
    if (!synced || !socket || socket.readyState !== WebSocket.OPEN) return;
    if (now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    socket.send(JSON.stringify({ type: 'typing' }));
  }

  const MESSAGE_ERRORS = ['invalid', 'too_large', 'closed', 'rate_limited', 'unavailable'];
  // Not stored, through no fault of the message: kept in the outbox and sent again later.
  const TRY_AGAIN = ['rate_limited', 'unavailable'];

  function onError(frame) {
    const code = frame.code;
    // The server answers a socket's frames in order, so an error without a client_id
    // belongs to the oldest message still waiting on this socket.
    let clientId = frame.client_id;
    if (clientId) inflight = inflight.filter((id) => id !== clientId);
    else if (MESSAGE_ERRORS.includes(code)) clientId = inflight.shift();
    const item = state.outbox.find((entry) => entry.client_id === clientId);
    if (TRY_AGAIN.includes(code)) {
      const seconds = Math.max(1, Math.ceil(Number(frame.retry_after) || 5));
      if (item) item.notBefore = Date.now() + seconds * 1000;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, seconds * 1000 + 50);
      ui.notice(T.errors[code](seconds));
      ui.refreshPending();
      return;
    }
    if (item && (code === 'invalid' || code === 'too_large' || code === 'closed')) {
      state.outbox = state.outbox.filter((entry) => entry !== item);
      saveOutbox();
      ui.removePending(item.client_id);
      ui.restoreDraft(item.text);
    }
    if (code === 'closed') setStatus('closed');
    ui.notice(T.errors[code] || T.errors.other);
  }

  // ----------------------------------------------------------------------- styles ----
  // All of it lives in the shadow root. `all: initial` on the host, with !important,
  // wins over any host-page rule aimed at the host element itself; rules of the page
  // cannot reach inside. Sizes are px, never rem (the page owns the root font size).
  function styles() {
    const color = css(COLOR);
    const on = css(ON_COLOR);
    const accent = css(ACCENT);
    const glow = `rgba(${ACCENT.join(', ')}, 0.22)`;
    const onTint = ON_COLOR === WHITE ? 'rgba(255, 255, 255, 0.18)' : 'rgba(0, 0, 0, 0.08)';
    const far = SIDE === 'right' ? 'left' : 'right';
    const font = 'Vazirmatn, "Segoe UI", Tahoma, system-ui, -apple-system, Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';
    return `
:host { all: initial !important; display: block !important; position: fixed !important;
  bottom: 20px !important; ${SIDE}: 20px !important; ${far}: auto !important; top: auto !important;
  z-index: 2147483000 !important; visibility: visible !important; opacity: 1 !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { display: flex; flex-direction: column; align-items: ${SIDE === 'right' ? 'flex-end' : 'flex-start'}; gap: 14px;
  direction: ltr; font: 15px/1.55 ${font}; color: #0f172a; -webkit-font-smoothing: antialiased; color-scheme: light; }
button { font: inherit; color: inherit; background: none; border: 0; margin: 0; padding: 0; cursor: pointer; }
button:disabled { cursor: default; opacity: .5; }
:focus { outline: none; }
:focus-visible { outline: 3px solid ${accent}; outline-offset: 2px; }
.panel { width: 380px; height: min(640px, calc(100vh - 120px)); min-height: 320px; display: flex; flex-direction: column;
  background: #fff; border-radius: 18px; overflow: hidden; direction: ${DIR}; text-align: start;
  box-shadow: 0 24px 60px -12px rgba(15, 23, 42, .38), 0 0 0 1px rgba(15, 23, 42, .07); animation: rise .18s ease-out; }
@keyframes rise { from { opacity: 0; transform: translateY(10px); } to { opacity: 1; transform: none; } }
.head { display: flex; align-items: center; gap: 12px; padding: 14px 14px 14px 16px; background: ${color}; color: ${on}; }
.head :focus-visible { outline-color: ${on}; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; background: ${onTint}; }
.head-text { flex: 1; min-width: 0; }
.head h2 { margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin: 2px 0 0; font-size: 13px; display: flex; align-items: center; gap: 6px; }
.status::before { content: ""; flex: none; width: 8px; height: 8px; border-radius: 50%; background: #22c55e; box-shadow: 0 0 0 2px ${onTint}; }
.status[data-status="queued"]::before { background: #f59e0b; }
.status[data-status="closed"]::before { background: #94a3b8; }
.status[data-connection="reconnecting"]::before { background: #ef4444; }
.icon-button { flex: none; width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center; }
.icon-button:hover { background: ${onTint}; }
.bar { padding: 9px 16px; font-size: 13.5px; line-height: 1.45; border-bottom: 1px solid #e2e8f0; }
.bar-offline { background: #fef2f2; color: #991b1b; }
.bar-queued { background: #fffbeb; color: #78350f; }
.bar-with_agent { background: #f0fdf4; color: #14532d; }
.scroll { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px 14px; background: #f8fafc;
  display: flex; flex-direction: column; gap: 12px; }
.log, .stored, .pending { display: flex; flex-direction: column; gap: 12px; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 86%; align-self: flex-start; }
.meta { display: flex; align-items: center; gap: 6px; margin: 0 4px 3px; font-size: 12px; color: #64748b; }
.who { font-weight: 600; color: #334155; }
.meta time { font-variant-numeric: tabular-nums; }
.bubble { margin: 0; padding: 9px 13px; border-radius: 16px; background: #fff; border: 1px solid #e2e8f0; color: #0f172a;
  white-space: pre-wrap; overflow-wrap: anywhere; text-align: start; unicode-bidi: plaintext; }
.from-bot .bubble, .from-agent .bubble { border-start-start-radius: 6px; }
.from-user { align-self: flex-end; align-items: flex-end; }
.from-user .bubble { background: ${color}; color: ${on}; border-color: transparent; border-start-end-radius: 6px; }
.from-agent .who { color: ${accent}; }
.from-agent .bubble { border-color: ${glow}; border-inline-start: 3px solid ${accent}; }
.from-system { align-self: center; max-width: 94%; }
.from-system .bubble { background: #fffbeb; border-color: #fde68a; color: #78350f; font-size: 13.5px; text-align: center; border-radius: 12px; }
.tag { font-size: 10.5px; font-weight: 700; line-height: 1.6; padding: 0 7px; border-radius: 999px; letter-spacing: .03em; }
.tag-faq { background: #dcfce7; color: #166534; }
.tag-ai { background: #ede9fe; color: #5b21b6; }
.is-pending .bubble { opacity: .62; }
.state { display: inline-flex; align-items: center; gap: 4px; color: #64748b; }
.suggestions-title { margin: 4px 4px 6px; font-size: 12.5px; color: #64748b; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 8px; }
.chip { padding: 6px 12px; border-radius: 999px; background: #fff; border: 1px solid ${glow}; color: ${accent}; font-size: 13.5px; text-align: start; }
.chip:hover { background: ${glow}; }
.offers { margin-top: 8px; }
.chip:disabled { opacity: .55; cursor: default; }
.chip[aria-pressed="true"] { opacity: 1; background: ${glow}; font-weight: 600; }
.typing { display: flex; align-items: center; gap: 8px; font-size: 13px; color: #475569; }
.dots { display: inline-flex; gap: 3px; padding: 8px 10px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; }
.dots span { width: 6px; height: 6px; border-radius: 50%; background: #94a3b8; animation: blink 1.2s infinite ease-in-out; }
.dots span:nth-child(2) { animation-delay: .2s; } .dots span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.notice { margin: 0; padding: 9px 16px; background: #fef2f2; color: #991b1b; font-size: 13.5px; border-top: 1px solid #fecaca; }
.closed { padding: 14px 16px 4px; text-align: center; background: #fff; border-top: 1px solid #e2e8f0; }
.closed p { margin: 0 0 10px; color: #334155; font-weight: 600; }
.primary { padding: 10px 18px; border-radius: 10px; background: ${color}; color: ${on}; font-weight: 600; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 12px; background: #fff; border-top: 1px solid #e2e8f0; }
.closed:not([hidden]) + .composer { border-top: 0; }
textarea { flex: 1; min-width: 0; min-height: 44px; max-height: 140px; resize: none; margin: 0; padding: 10px 12px;
  font: inherit; color: #0f172a; background: #fff; border: 1px solid #cbd5e1; border-radius: 12px; outline: none; }
textarea::placeholder { color: #64748b; }
textarea:focus, textarea:focus-visible { outline: none; border-color: ${accent}; box-shadow: 0 0 0 3px ${glow}; }
textarea:disabled { background: #f1f5f9; }
.send { flex: none; width: 44px; height: 44px; border-radius: 12px; display: grid; place-items: center; background: ${color}; color: ${on}; }
[dir="rtl"] .icon-send { transform: scaleX(-1); }
.brand { margin: 0; padding: 0 0 8px; background: #fff; text-align: center; font-size: 11.5px; color: #64748b; }
.launcher { position: relative; width: 60px; height: 60px; border-radius: 50%; display: grid; place-items: center;
  background: ${color}; color: ${on}; box-shadow: 0 10px 28px -6px rgba(15, 23, 42, .45); transition: transform .15s ease; }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline-offset: 4px; }
.root:not(.open) .launcher .icon-close, .root.open .launcher .icon-chat { display: none; }
.badge { position: absolute; top: -4px; ${SIDE}: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  display: grid; place-items: center; background: #dc2626; color: #fff; font-size: 12px; font-weight: 700; border: 2px solid #fff; }
@media (max-width: 480px) {
  .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
  .root.open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; } }
`;
  }

  // -------------------------------------------------------------------------- DOM ----
  // Strings become text nodes: nothing here is ever parsed as HTML.
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    children.flat().forEach((child) => { if (child !== null && child !== undefined && child !== false) element.append(child); });
    return element;
  }

  const ICONS = {
    chat: ['M20.5 11.5a8 8 0 0 1-11.7 7.1L4 20l1.3-4.4A8 8 0 1 1 20.5 11.5z', 'stroke'],
    close: ['M6 6l12 12M18 6L6 18', 'stroke'],
    send: ['M3.4 20.4l17.45-7.48a1 1 0 0 0 0-1.84L3.4 3.6a1 1 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z', 'fill'],
    clock: ['M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z', 'stroke'],
  };
  function icon(name, size) {
    const [path, style] = ICONS[name];
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const shape = document.createElementNS(ns, 'path');
    for (const [key, value] of Object.entries({ viewBox: '0 0 24 24', width: size, height: size,
      'aria-hidden': 'true', focusable: 'false', class: `icon icon-${name}` })) svg.setAttribute(key, value);
    shape.setAttribute('d', path);
    if (style === 'stroke') {
      for (const [key, value] of Object.entries({ fill: 'none', stroke: 'currentColor', 'stroke-width': '2',
        'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) shape.setAttribute(key, value);
    } else shape.setAttribute('fill', 'currentColor');
    svg.append(shape);
    return svg;
  }

  const clockFormat = new Intl.DateTimeFormat(LANG === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  function timeOf(iso) {
    const moment = new Date(iso);
    return Number.isNaN(moment.getTime()) ? '' : clockFormat.format(moment);
  }

  const ui = (() => {
    const el = {};
    let noticeTimer = 0;
    let typingTimer = 0;
    let suggestionsLoaded = false;

    function mount() {
      const host = document.createElement('pasokh-chat');
      const shadow = host.attachShadow({ mode: 'open' });
      const sheet = styles();
      if ('adoptedStyleSheets' in shadow && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        const constructed = new CSSStyleSheet();
        constructed.replaceSync(sheet);
        shadow.adoptedStyleSheets = [constructed];
      } else {
        shadow.append(h('style', {}, sheet));
      }
      el.title = h('h2', { id: 'pasokh-title' }, TITLE);
      el.status = h('p', { class: 'status' });
      el.close = h('button', { type: 'button', class: 'icon-button', 'aria-label': T.close, onclick: () => close() }, icon('close', 20));
      el.connectionBar = h('div', { class: 'bar bar-offline', role: 'status', hidden: true });
      el.statusBar = h('div', { class: 'bar', role: 'status', hidden: true });
      el.stored = h('div', { class: 'stored' });
      el.pending = h('div', { class: 'pending' });
      el.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': T.log }, el.stored, el.pending);
      el.suggestions = h('div', { class: 'suggestions', hidden: true });
      el.typing = h('div', { class: 'typing', 'aria-live': 'polite', hidden: true });
      el.scroll = h('div', { class: 'scroll' },
        h('div', { class: 'msg from-bot welcome' }, h('div', { class: 'meta' }, h('span', { class: 'who' }, T.bot)),
          h('p', { class: 'bubble' }, T.welcome)),
        el.suggestions, el.log, el.typing);
      el.notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
      el.restart = h('button', { type: 'button', class: 'primary', onclick: restart }, T.restart);
      el.closed = h('div', { class: 'closed', hidden: true }, h('p', {}, T.closed), el.restart);
      el.input = h('textarea', { rows: 1, 'aria-label': T.message, placeholder: T.placeholder, dir: DIR,
        oninput: () => { autosize(); if (el.input.value.trim()) sendTyping(); }, onkeydown: onInputKey });
      el.send = h('button', { type: 'submit', class: 'send', 'aria-label': T.send }, icon('send', 20));
      el.composer = h('form', { class: 'composer', onsubmit: (event) => { event.preventDefault(); send(); } }, el.input, el.send);
      el.panel = h('section', { id: 'pasokh-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'pasokh-title',
        dir: DIR, lang: LANG, hidden: true, onkeydown: (event) => { if (event.key === 'Escape') { event.stopPropagation(); close(); } } },
      h('header', { class: 'head' }, h('div', { class: 'avatar', 'aria-hidden': 'true' }, icon('chat', 22)),
        h('div', { class: 'head-text' }, el.title, el.status), el.close),
      el.connectionBar, el.statusBar, el.scroll, el.notice, el.closed, el.composer,
      h('p', { class: 'brand' }, T.poweredBy));
      el.badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
      el.launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'pasokh-panel',
        'aria-label': T.open, onclick: () => (state.open ? close() : open(true)),
        onkeydown: (event) => { if (event.key === 'Escape' && state.open) close(); } },
      icon('chat', 28), icon('close', 26), el.badge);
      el.root = h('div', { class: `root side-${SIDE}` }, el.panel, el.launcher);
      shadow.append(el.root);
      document.body.append(host);
      renderStatus();
    }

    function open(moveFocus) {
      state.open = true;
      state.unread = 0;
      el.panel.hidden = false;
      el.root.classList.add('open');
      el.launcher.setAttribute('aria-expanded', 'true');
      el.launcher.setAttribute('aria-label', T.close);
      remember(true);
      loadSuggestions();
      renderStatus();
      scrollToEnd();
      if (moveFocus) (state.status === 'closed' ? el.restart : el.input).focus();
    }

    function close() {
      state.open = false;
      el.panel.hidden = true;
      el.root.classList.remove('open');
      el.launcher.setAttribute('aria-expanded', 'false');
      remember(false);
      renderStatus();
      el.launcher.focus();
    }

    function remember(isOpen) {
      try { window.sessionStorage.setItem(`${NAMESPACE}:open`, isOpen ? '1' : ''); } catch { /* private mode */ }
    }
    function wasOpen() {
      try { return window.sessionStorage.getItem(`${NAMESPACE}:open`) === '1'; } catch { return false; }
    }

    function send() {
      if (submit(el.input.value)) {
        el.input.value = '';
        autosize();
        hideNotice();
      }
      el.input.focus();
    }

    function onInputKey(event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    }

    function autosize() {
      el.input.dir = el.input.value.trim() ? directionOf(el.input.value) : DIR;
      el.input.style.height = 'auto';
      el.input.style.height = `${Math.min(el.input.scrollHeight + 2, 140)}px`;
    }

    function restart() {
      forgetSession();
      renderStatus();
      el.input.focus();
    }

    // ------------------------------------------------------------------ messages ----
    function senderName(message) {
      if (message.sender === 'user') return T.you;
      if (message.sender === 'agent') return message.agent || state.agent || T.agent;
      return T.bot;
    }

    function bubble(text) {
      const paragraph = h('p', { class: 'bubble', dir: directionOf(text), lang: isPersian(text) ? 'fa' : 'en' });
      paragraph.textContent = text;
      return paragraph;
    }

    function messageElement(message) {
      const sender = ['user', 'bot', 'agent', 'system'].includes(message.sender) ? message.sender : 'bot';
      const item = h('div', { class: `msg from-${sender}`, 'data-seq': message.seq, 'data-source': message.source || null });
      if (sender === 'system') { item.append(bubble(message.text)); return item; }
      const label = { faq: T.faq, ai: T.ai }[message.source];
      const who = h('span', { class: 'who' });
      who.textContent = senderName(message);
      item.append(h('div', { class: 'meta' }, who,
        label ? h('span', { class: `tag tag-${message.source}` }, label) : null,
        h('time', { datetime: message.created_at }, timeOf(message.created_at))), bubble(message.text));
      const offers = Array.isArray(message.suggestions) ? message.suggestions.filter((offer) =>
        offer && typeof offer.faq_id === 'string' && typeof offer.question === 'string') : [];
      if (sender === 'bot' && offers.length) item.append(offerButtons(offers.slice(0, 3)));
      return item;
    }

    // FAQs the bot offered when it was not sure: each a button (Tab and Enter reach them)
    // that asks that FAQ's question, naming the FAQ, so the bot answers with it.
    function offerButtons(offers) {
      const group = h('div', { class: 'chips offers', role: 'group', 'aria-label': T.offers });
      group.append(...offers.map((offer) => {
        const button = h('button', { type: 'button', class: 'chip offer', dir: directionOf(offer.question),
          lang: isPersian(offer.question) ? 'fa' : 'en', 'data-faq-id': offer.faq_id });
        button.textContent = offer.question;
        button.addEventListener('click', () => {
          if (!submit(offer.question, offer.faq_id)) return;
          group.querySelectorAll('button').forEach((each) => { each.disabled = true; });
          button.setAttribute('aria-pressed', 'true');
          el.input.focus();
        });
        return button;
      }));
      return group;
    }

    function appendMessage(message) {
      el.stored.append(messageElement(message));
      el.suggestions.hidden = true;
      scrollToEnd();
    }

    function appendPending(item) {
      const progress = h('span', { class: 'state' }, icon('clock', 12), h('span', { class: 'state-text' }));
      const entry = h('div', { class: 'msg from-user is-pending', 'data-client-id': item.client_id },
        h('div', { class: 'meta' }, h('span', { class: 'who' }, T.you), progress), bubble(item.text));
      el.pending.append(entry);
      el.suggestions.hidden = true;
      refreshPending();
      scrollToEnd();
    }

    function removePending(clientId) {
      el.pending.querySelectorAll('.is-pending').forEach((entry) => {
        if (entry.dataset.clientId === clientId) entry.remove();
      });
    }

    function refreshPending() {
      const live = socket && socket.readyState === WebSocket.OPEN && synced;
      el.pending.querySelectorAll('.is-pending').forEach((entry) => {
        entry.querySelector('.state-text').textContent = live && inflight.includes(entry.dataset.clientId) ? T.sending : T.waiting;
      });
    }

    function clearConversation() {
      el.stored.replaceChildren();
      hideTyping();
      suggestionsLoaded = false;
      loadSuggestions();
    }

    function restoreDraft(text) {
      el.input.value = el.input.value.trim() ? `${text}\n${el.input.value}` : text;
      autosize();
    }

    // -------------------------------------------------------------------- status ----
    function renderStatus() {
      if (!el.root) return;
      const status = state.status;
      el.status.dataset.connection = state.connection;
      el.status.dataset.status = status;
      el.status.textContent = state.connection === 'reconnecting' ? T.connecting
        : status === 'queued' ? T.queued
          : status === 'with_agent' ? (state.agent || T.agent)
            : status === 'closed' ? T.ended : T.online;
      el.connectionBar.hidden = state.connection !== 'reconnecting';
      el.connectionBar.textContent = T.reconnecting;
      renderStatusBar(status);
      const isClosed = status === 'closed';
      el.closed.hidden = !isClosed;
      el.input.disabled = isClosed;
      el.send.disabled = isClosed;
      el.badge.hidden = state.unread === 0;
      el.badge.textContent = state.unread > 9 ? '9+' : formatNumber(state.unread);
      el.launcher.setAttribute('aria-label', state.open ? T.close
        : state.unread ? `${T.open} (${T.unread(state.unread)})` : T.open);
      refreshPending();
    }

    function renderStatusBar(status) {
      const bar = el.statusBar;
      bar.className = `bar bar-${status}`;
      if (status === 'queued') {
        const parts = [T.queued];
        if (state.queue && Number.isFinite(state.queue.position)) parts.push(T.position(state.queue.position));
        if (state.queue && Number.isFinite(state.queue.wait)) parts.push(T.wait(state.queue.wait));
        bar.textContent = parts.join(' · ');
        bar.hidden = false;
      } else if (status === 'with_agent') {
        bar.textContent = T.withAgent(state.agent || T.agent);
        bar.hidden = false;
      } else {
        bar.hidden = true;
      }
    }

    function notice(text) {
      el.notice.textContent = text;
      el.notice.hidden = false;
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(hideNotice, 10000);
    }
    function hideNotice() { el.notice.hidden = true; }

    function showTyping() {
      el.typing.replaceChildren(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
        h('span', {}, T.typing(state.agent || T.agent)));
      el.typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
      scrollToEnd();
    }
    function hideTyping() {
      if (!el.typing) return;
      clearTimeout(typingTimer);
      el.typing.hidden = true;
    }

    function scrollToEnd() {
      if (el.scroll) el.scroll.scrollTop = el.scroll.scrollHeight;
    }

    // A few popular questions in the widget's language, offered before the first message.
    async function loadSuggestions() {
      if (suggestionsLoaded || !state.open) return;
      suggestionsLoaded = true;
      let faqs = [];
      try {
        const response = await fetch(new URL('faqs/', API).href, { credentials: 'omit' });
        faqs = response.ok ? await response.json() : [];
      } catch { suggestionsLoaded = false; return; }
      const picked = (Array.isArray(faqs) ? faqs : [])
        .filter((faq) => faq && typeof faq.question === 'string' && isPersian(faq.question) === (LANG === 'fa'))
        .filter((faq, index, all) => all.findIndex((other) => other.category === faq.category) === index)
        .slice(0, 3);
      el.suggestions.replaceChildren(h('p', { class: 'suggestions-title' }, T.suggestions),
        h('div', { class: 'chips' }, picked.map((faq) => h('button', { type: 'button', class: 'chip',
          onclick: () => { if (submit(faq.question)) el.input.focus(); } }, faq.question))));
      el.suggestions.hidden = !picked.length || state.seen.size > 0 || state.outbox.length > 0;
    }

    return { mount, open, close, wasOpen, appendMessage, appendPending, removePending, refreshPending,
      clearConversation, restoreDraft, renderStatus, notice, showTyping, hideTyping };
  })();

  // ------------------------------------------------------------------------ start ----
  function start() {
    ui.mount();
    state.outbox.forEach((item) => ui.appendPending(item));
    if (state.key) connect(); else if (state.outbox.length) ensureSession();
    window.addEventListener('online', () => { if (state.key) reconnectNow(); else if (state.outbox.length) ensureSession(); });
    document.addEventListener('visibilitychange', () => { if (!document.hidden) reconnectNow(); });
    if (ui.wasOpen()) ui.open(false);
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
