// The server is the record: messages are never stored here, only the session key and
// the outbox (sent but not yet echoed back), so a reload loses and doubles nothing.
import { BACKOFF_FIRST_MS, BACKOFF_MAX_MS } from './config.js';
import { loadOutbox, store } from './storage.js';

export const state = {
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

// The current socket and what is under way on it.
export const link = {
  socket: null,
  synced: false,           // the current socket has delivered its `session` frame
  inflight: [],            // client_ids sent on the current socket, awaiting echo or error
  attempt: 0,
  reconnectTimer: 0,
  retryTimer: 0,
  creating: false,
  lastTypingSent: 0,
};

export const saveOutbox = () => store.set('outbox', state.outbox.length ? JSON.stringify(state.outbox) : null);
export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export function backoff() {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** link.attempt);
  link.attempt += 1;
  return ceiling / 2 + Math.random() * (ceiling / 2);  // "equal jitter"
}

export const isLive = () => Boolean(link.socket && link.socket.readyState === WebSocket.OPEN && link.synced);
