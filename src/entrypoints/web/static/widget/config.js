// Where the widget came from and how the embedding tag asks it to look.
// The Pasokh server is the one the script was loaded from, never the host page.

export const script = document.currentScript ||
  Array.from(document.scripts).find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src)) || null;

export const BASE = new URL('.', script && script.src ? script.src : window.location.href);
export const API = new URL('chat/api/', BASE);
export const SOCKETS = new URL('ws/chat/', BASE);
SOCKETS.protocol = BASE.protocol === 'https:' ? 'wss:' : 'ws:';
export const NAMESPACE = `pasokh:${BASE.origin}${BASE.pathname}`;

export const MAX_TEXT = 4000;
export const TYPING_EVERY_MS = 2500;
export const TYPING_SHOWN_MS = 6000;
export const WRITING_SHOWN_MS = 30000;  // the assistant's dots, until its first words at most
export const BACKOFF_FIRST_MS = 500;
export const BACKOFF_MAX_MS = 30000;
export const UNKNOWN_SESSION = 4404;

export const options = script ? script.dataset : {};
export const LANG = pickLanguage(options.lang);
export const DIR = LANG === 'fa' ? 'rtl' : 'ltr';
export const SIDE = options.position === 'left' ? 'left' : 'right';
export const COLOR = parseHex(options.color) || [15, 118, 110];

// One widget per Pasokh server and page: embedded twice, the second copy stays quiet.
export function claimPage() {
  if (!script || !script.src) return false;
  window.__pasokhWidgets = window.__pasokhWidgets || {};
  if (window.__pasokhWidgets[NAMESPACE]) return false;
  window.__pasokhWidgets[NAMESPACE] = true;
  return true;
}

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
