// The session and its socket: created on the first message, reconnected with backoff,
// and every frame the server sends turned into state and screen.
import { API, SOCKETS, UNKNOWN_SESSION, WRITING_SHOWN_MS } from './config.js';
import { store, visitorId } from './storage.js';
import { backoff, link, saveOutbox, sleep, state } from './state.js';
import { flush, onError } from './sending.js';
import { appendMessage, clearConversation, removePending, restoreDraft } from './messages.js';
import { hideTyping, renderStatus, showTyping } from './status.js';
import { feedbackStored, forgetFeedback, resendFeedback } from './feedback.js';
import { growDraft, withdrawDrafts } from './drafts.js';
import { T } from './texts.js';
import { askForRating, forgetRating, ratingStored, resendRating, settleRating } from './rating.js';
import { contactStored, forgetContact, showAvailability, transcriptMailed } from './contact.js';

// Where the visitor opens the conversation, for the agent who may take it: the page (without
// its #fragment), where they came from and their language. Cut to the server's limits, so an
// unusual page never costs the visitor their conversation.
function openedFrom() {
  const cut = (text, limit) => (text ? String(text).slice(0, limit) : undefined);
  return {
    visitor_id: visitorId(),
    page_url: cut(location.href.split('#')[0], 2048),
    referrer: cut(document.referrer, 2048),
    locale: cut(navigator.language, 35),
  };
}

export async function ensureSession() {
  if (state.key) { connect(); return; }
  if (link.creating) return;
  link.creating = true;
  try {
    while (!state.key) {
      let wait;
      try {
        const response = await fetch(new URL('sessions/', API).href, {
          method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(openedFrom()),
        });
        if (response.ok) {
          const body = await response.json();
          state.key = body.session_key;
          store.set('session', state.key);
          link.attempt = 0;
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
    link.creating = false;
  }
  connect();
}

export function connect() {
  if (!state.key || link.socket) return;
  clearTimeout(link.reconnectTimer);
  const url = new URL(`${encodeURIComponent(state.key)}/`, SOCKETS);
  if (state.lastSeq > 0) url.searchParams.set('after_seq', String(state.lastSeq));
  const current = new WebSocket(url.href);
  link.socket = current;
  link.synced = false;
  link.inflight = [];
  if (state.connection !== 'reconnecting') setConnection('connecting');
  current.addEventListener('message', (event) => { if (link.socket === current) receive(event.data); });
  current.addEventListener('close', (event) => { if (link.socket === current) disconnected(event.code); });
}

function disconnected(code) {
  link.socket = null;
  link.synced = false;
  link.inflight = [];
  if (code === UNKNOWN_SESSION) {
    // The server does not know this conversation: start afresh, keeping unsent messages.
    forgetSession();
    if (state.outbox.length) ensureSession();
    return;
  }
  if (state.status === 'closed' && !state.outbox.length) { setConnection('idle'); return; }
  setConnection('reconnecting');
  clearTimeout(link.reconnectTimer);
  link.reconnectTimer = setTimeout(connect, backoff());
}

export function reconnectNow() {
  if (state.key && !link.socket) { link.attempt = 0; connect(); }
}

export function forgetSession() {
  const old = link.socket;
  link.socket = null;
  link.synced = false;
  link.inflight = [];
  if (old) old.close(1000);
  clearTimeout(link.reconnectTimer);
  store.set('session', null);
  Object.assign(state, { key: null, status: 'bot', agent: null, queue: null, lastSeq: 0,
    seen: new Set(), unread: 0 });
  link.attempt = 0;
  forgetFeedback();
  forgetRating();
  forgetContact();
  setConnection('idle');
  clearConversation();
  renderStatus();
}

function receive(raw) {
  let frame;
  try { frame = JSON.parse(raw); } catch { return; }
  switch (frame && frame.type) {
    case 'session':
      link.synced = true;
      link.attempt = 0;
      withdrawDrafts();  // pieces are not sent again: the stored answer will come
      setConnection('online');
      (frame.messages || []).forEach((message) => addMessage(message, false));
      if (frame.status === 'closed') settleRating(frame.rateable === true);
      setStatus(frame.status, frame.agent);
      flush();
      resendFeedback();
      resendRating();
      break;
    case 'message':
      if (frame.message) addMessage(frame.message, true);
      break;
    case 'message_delta':
      growDraft(frame);
      break;
    case 'status':
      setStatus(frame.status, frame.agent);
      break;
    case 'queue':
      state.queue = { position: frame.position, wait: frame.estimated_wait_seconds };
      showAvailability(frame);
      renderStatus();
      break;
    case 'typing':
      if (frame.sender === 'agent') showTyping();
      break;
    case 'error':
      onError(frame);
      break;
    case 'feedback':
      feedbackStored(frame);
      break;
    case 'rating':
      ratingStored(frame);
      break;
    case 'contact':
      contactStored(frame);
      break;
    case 'email_transcript':
      transcriptMailed(frame);
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
  if (message.sender !== 'user') { hideTyping(); withdrawDrafts(message.seq); }
  appendMessage(message);
  if (live && message.sender === 'user' && state.status === 'bot') showTyping(T.writing, WRITING_SHOWN_MS);
  if (live && message.sender !== 'user' && !state.open) state.unread += 1;
  renderStatus();
}

function acknowledge(clientId) {
  link.inflight = link.inflight.filter((id) => id !== clientId);
  const kept = state.outbox.filter((item) => item.client_id !== clientId);
  if (kept.length === state.outbox.length) return;
  state.outbox = kept;
  saveOutbox();
  removePending(clientId);
}

export function setStatus(status, agent) {
  if (agent) state.agent = agent;
  if (status) state.status = status;
  if (state.status !== 'queued') state.queue = null;
  if (state.status !== 'bot') withdrawDrafts();
  if (state.status === 'closed') {
    // Nothing more can be sent here: give unsent texts back to the visitor.
    state.outbox.forEach((item) => { removePending(item.client_id); restoreDraft(item.text); });
    state.outbox = [];
    saveOutbox();
    hideTyping();
    if (state.agent && link.synced) askForRating();  // live: an agent has just closed it
  }
  renderStatus();
}

function setConnection(connection) {
  state.connection = connection;
  renderStatus();
}
