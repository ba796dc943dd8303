// Start: mount the widget, bring back the conversation, reconnect when the browser can.
import { claimPage } from './config.js';
import { state } from './state.js';
import { connect, ensureSession, reconnectNow } from './connection.js';
import { appendPending } from './messages.js';
import { mount, open, wasOpen } from './panel.js';

function start() {
  mount();
  state.outbox.forEach((item) => appendPending(item));
  if (state.key) connect(); else if (state.outbox.length) ensureSession();
  window.addEventListener('online', () => { if (state.key) reconnectNow(); else if (state.outbox.length) ensureSession(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) reconnectNow(); });
  if (wasOpen()) open(false);
}

if (claimPage()) {
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start, { once: true });
}
