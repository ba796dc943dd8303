// Where the conversation stands: the header's status line, the queue or agent bar,
// notices, the agent typing, the launcher's unread count.
import { API, LANG, TYPING_SHOWN_MS } from './config.js';
import { T, formatNumber } from './texts.js';
import { el, h } from './dom.js';
import { state } from './state.js';
import { refreshPending } from './messages.js';
import { renderMailButton } from './contact.js';

let noticeTimer = 0;
let typingTimer = 0;

export function renderStatus() {
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
  renderTranscriptLink();
  refreshPending();
}

// The conversation as a text file, once there is something in it.
function renderTranscriptLink() {
  el.transcript.hidden = !(state.key && state.lastSeq > 0);
  renderMailButton();
  if (state.key) el.transcript.href = new URL(`history/${encodeURIComponent(state.key)}/transcript/?lang=${LANG}`, API).href;
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

export function notice(text) {
  el.notice.textContent = text;
  el.notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(hideNotice, 10000);
}

export function hideNotice() { el.notice.hidden = true; }

// Who is typing: the agent (their frames), or the assistant until its first words.
export function showTyping(text = T.typing(state.agent || T.agent), shownMs = TYPING_SHOWN_MS) {
  el.typing.replaceChildren(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    h('span', {}, text));
  el.typing.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(hideTyping, shownMs);
  scrollToEnd();
}

export function hideTyping() {
  if (!el.typing) return;
  clearTimeout(typingTimer);
  el.typing.hidden = true;
}

export function scrollToEnd() {
  if (el.scroll) el.scroll.scrollTop = el.scroll.scrollHeight;
}
