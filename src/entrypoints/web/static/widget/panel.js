// The launcher and the panel: built once inside a shadow root, opened and closed, and the
// message box with its keys.
import { DIR, LANG, NAMESPACE, SIDE } from './config.js';
import { T, TITLE } from './texts.js';
import { directionOf } from './direction.js';
import { el, h, icon } from './dom.js';
import { styles } from './styles.js';
import { state } from './state.js';
import { forgetSession } from './connection.js';
import { sendTyping, submit } from './sending.js';
import { hideNotice, renderStatus, scrollToEnd } from './status.js';
import { loadPopular } from './popular.js';
import { mailTranscript } from './contact.js';

export function mount() {
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
  el.drafts = h('div', { class: 'drafts' });
  el.transcript = h('a', { class: 'transcript', download: '', hidden: true }, T.download);
  el.mailTranscript = h('button', { type: 'button', class: 'transcript', hidden: true, onclick: mailTranscript }, T.mailMe);
  el.mailStatus = h('span', { class: 'mail-status', role: 'status', hidden: true });
  el.contact = h('div', { class: 'contact', role: 'region', 'aria-label': T.contactRegion, hidden: true });
  el.scroll = h('div', { class: 'scroll' },
    h('div', { class: 'msg from-bot welcome' }, h('div', { class: 'meta' }, h('span', { class: 'who' }, T.bot)),
      h('p', { class: 'bubble' }, T.welcome)),
    el.suggestions, el.log, el.drafts, el.typing, el.contact);
  el.notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
  el.restart = h('button', { type: 'button', class: 'primary', onclick: restart }, T.restart);
  el.rating = h('div', { class: 'rating', hidden: true });
  el.closed = h('div', { class: 'closed', hidden: true }, h('p', {}, T.closed), el.rating, el.restart);
  el.input = h('textarea', { rows: 1, 'aria-label': T.message, placeholder: T.placeholder, dir: DIR,
    oninput: () => { autosize(); if (el.input.value.trim()) sendTyping(); }, onkeydown: onInputKey });
  el.send = h('button', { type: 'submit', class: 'send', 'aria-label': T.send }, icon('send', 20));
  el.composer = h('form', { class: 'composer', onsubmit: (event) => { event.preventDefault(); send(); } }, el.input, el.send);
  el.panel = h('section', { id: 'pasokh-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'pasokh-title',
    dir: DIR, lang: LANG, hidden: true, onkeydown: (event) => { if (event.key === 'Escape') { event.stopPropagation(); close(); } } },
  h('header', { class: 'head' }, h('div', { class: 'avatar', 'aria-hidden': 'true' }, icon('chat', 22)),
    h('div', { class: 'head-text' }, el.title, el.status), el.close),
  el.connectionBar, el.statusBar, el.scroll, el.notice, el.closed, el.composer,
  h('p', { class: 'brand' }, h('span', { class: 'keep' }, el.transcript, el.mailTranscript, el.mailStatus), T.poweredBy));
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

export function open(moveFocus) {
  state.open = true;
  state.unread = 0;
  el.panel.hidden = false;
  el.root.classList.add('open');
  el.launcher.setAttribute('aria-expanded', 'true');
  el.launcher.setAttribute('aria-label', T.close);
  remember(true);
  loadPopular();
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

export function wasOpen() {
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

export function autosize() {
  el.input.dir = el.input.value.trim() ? directionOf(el.input.value) : DIR;
  el.input.style.height = 'auto';
  el.input.style.height = `${Math.min(el.input.scrollHeight + 2, 140)}px`;
}

function restart() {
  forgetSession();
  renderStatus();
  el.input.focus();
}
