// The visitor's messages: kept in the outbox until the server echoes them, sent on the
// socket when it is live, and errors mapped back to the message they belong to.
import { MAX_TEXT, TYPING_EVERY_MS } from './config.js';
import { T } from './texts.js';
import { newClientId } from './storage.js';
import { isLive, link, saveOutbox, state } from './state.js';
import { ensureSession, setStatus } from './connection.js';
import { appendPending, refreshPending, removePending, restoreDraft } from './messages.js';
import { notice } from './status.js';
import { feedbackRefused } from './feedback.js';
import { ratingRefused } from './rating.js';
import { contactRefused, transcriptNotMailed } from './contact.js';

const MESSAGE_ERRORS = ['invalid', 'too_large', 'closed', 'rate_limited', 'unavailable'];
// Not stored, through no fault of the message: kept in the outbox and sent again later.
const TRY_AGAIN = ['rate_limited', 'unavailable'];

// faqId: the FAQ the visitor chose among the bot's suggestions; it is answered as is.
export function submit(text, faqId) {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if ([...trimmed].length > MAX_TEXT) { notice(T.tooLong(MAX_TEXT)); return false; }
  if (state.status === 'closed') return false;
  const item = { client_id: newClientId(), text: trimmed };
  if (typeof faqId === 'string' && faqId) item.faq_id = faqId;
  state.outbox.push(item);
  saveOutbox();
  appendPending(item);
  if (state.key) flush(); else ensureSession();
  return true;
}

export function flush() {
  if (!isLive()) { refreshPending(); return; }
  const now = Date.now();
  for (const item of state.outbox) {
    if (link.inflight.includes(item.client_id) || (item.notBefore || 0) > now) continue;
    const frame = { type: 'message', text: item.text, client_id: item.client_id };
    if (item.faq_id) frame.faq_id = item.faq_id;
    link.socket.send(JSON.stringify(frame));
    link.inflight.push(item.client_id);
  }
  refreshPending();
}

// A frame other than a message (feedback, a rating): sent now, or false when the socket is down.
export function sendFrame(frame) {
  if (!isLive()) return false;
  link.socket.send(JSON.stringify(frame));
  return true;
}

export function sendTyping() {
  const now = Date.now();
  if (!isLive()) return;
  if (now - link.lastTypingSent < TYPING_EVERY_MS) return;
  link.lastTypingSent = now;
  link.socket.send(JSON.stringify({ type: 'typing' }));
}

export function onError(frame) {
  if (frame.frame_type === 'feedback') { feedbackRefused(frame); return; }
  if (frame.frame_type === 'rating') { ratingRefused(frame); return; }
  if (frame.frame_type === 'contact') { contactRefused(frame); return; }
  if (frame.frame_type === 'email_transcript') { transcriptNotMailed(frame); return; }
  const code = frame.code;
  // The server answers a socket's frames in order, so an error without a client_id
  // belongs to the oldest message still waiting on this socket.
  let clientId = frame.client_id;
  if (clientId) link.inflight = link.inflight.filter((id) => id !== clientId);
  else if (MESSAGE_ERRORS.includes(code)) clientId = link.inflight.shift();
  const item = state.outbox.find((entry) => entry.client_id === clientId);
  if (TRY_AGAIN.includes(code)) {
    const seconds = Math.max(1, Math.ceil(Number(frame.retry_after) || 5));
    if (item) item.notBefore = Date.now() + seconds * 1000;
    clearTimeout(link.retryTimer);
    link.retryTimer = setTimeout(flush, seconds * 1000 + 50);
    notice(T.errors[code](seconds));
    refreshPending();
    return;
  }
  if (item && (code === 'invalid' || code === 'too_large' || code === 'closed')) {
    state.outbox = state.outbox.filter((entry) => entry !== item);
    saveOutbox();
    removePending(item.client_id);
    restoreDraft(item.text);
  }
  if (code === 'closed') setStatus('closed');
  notice(T.errors[code] || T.errors.other);
}
