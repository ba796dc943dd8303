// localStorage can be missing or throw (privacy modes, sandboxed frames): fall back to memory.
import { NAMESPACE } from './config.js';

const memory = {};

export const store = {
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

export function loadOutbox() {
  try {
    const items = JSON.parse(store.get('outbox') || '[]');
    return Array.isArray(items) ? items.filter((i) => i && typeof i.text === 'string' && i.client_id) : [];
  } catch { return []; }
}

/** This browser's visitor id: random, kept in localStorage, sent when a conversation starts
 * so a returning visitor's conversations are linked (and their escalations counted). */
export function visitorId() {
  let id = store.get('visitor');
  if (!id) { id = newClientId(); store.set('visitor', id); }
  return id;
}

export const newClientId = () => (window.crypto && crypto.randomUUID ? crypto.randomUUID()
  // crypto.randomUUID needs a secure context; host pages on plain http get this instead.
  : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));
