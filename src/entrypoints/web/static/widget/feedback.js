// "Did this help?": yes and no under each of the bot's answers (FAQ or AI); a "no" also
// offers a person. The server keeps the latest word per message; until it acknowledges
// one, it is sent again on the next connection.
import { T } from './texts.js';
import { el, h, icon } from './dom.js';
import { state } from './state.js';
import { notice } from './status.js';
import { sendFrame, submit } from './sending.js';
import { reconnectNow } from './connection.js';

const acknowledged = new Map();  // message id -> helpful, as the server stored it
const wanted = new Map();        // message id -> helpful, said but not yet acknowledged
let waiting = [];                // message ids sent on the current socket, oldest first

// An answer, not an offer of FAQs to choose from (those have their own buttons).
export const isAnswer = (message) => message.sender === 'bot' && ['faq', 'ai'].includes(message.source) &&
  !(Array.isArray(message.suggestions) && message.suggestions.length);

export function feedbackControls(message) {
  if (typeof message.helpful === 'boolean') acknowledged.set(message.id, message.helpful);
  const group = h('div', { class: 'feedback', role: 'group', 'aria-label': T.helped, 'data-message-id': message.id },
    h('span', { class: 'feedback-question', 'aria-hidden': 'true' }, T.helped),
    choice(message.id, true), choice(message.id, false));
  mark(group, wanted.has(message.id) ? wanted.get(message.id) : acknowledged.get(message.id));
  return group;
}

function choice(messageId, helpful) {
  return h('button', { type: 'button', class: 'feedback-choice', 'aria-pressed': 'false', 'data-helpful': String(helpful),
    onclick: () => say(messageId, helpful) }, icon(helpful ? 'yes' : 'no', 14), h('span', {}, helpful ? T.yes : T.no));
}

function say(messageId, helpful) {
  const group = groupOf(messageId);
  mark(group, helpful);
  offerPerson(group, !helpful && state.status === 'bot');
  wanted.set(messageId, helpful);
  sendFeedback(messageId, helpful);
}

function sendFeedback(messageId, helpful) {
  if (sendFrame({ type: 'feedback', message_id: messageId, helpful })) waiting.push(messageId);
  else if (state.key) reconnectNow();
}

export function feedbackStored(frame) {
  const index = waiting.indexOf(frame.message_id);
  if (index >= 0) waiting.splice(index, 1);
  acknowledged.set(frame.message_id, frame.helpful);
  if (wanted.get(frame.message_id) === frame.helpful) wanted.delete(frame.message_id);
}

// Errors answer a socket's frames in order: this one is about the oldest feedback sent.
export function feedbackRefused(frame) {
  const messageId = waiting.shift();
  if (messageId !== undefined && frame.code !== 'rate_limited' && frame.code !== 'unavailable') {
    wanted.delete(messageId);
    mark(groupOf(messageId), acknowledged.get(messageId));
  }
  notice(T.errors.feedback);
}

export function resendFeedback() {
  waiting = [];
  wanted.forEach((helpful, messageId) => sendFeedback(messageId, helpful));
}

export function forgetFeedback() {
  acknowledged.clear();
  wanted.clear();
  waiting = [];
}

function groupOf(messageId) {
  return [...el.stored.querySelectorAll('.feedback')].find((group) => group.dataset.messageId === messageId) || null;
}

function mark(group, helpful) {
  if (!group) return;
  group.querySelectorAll('.feedback-choice').forEach((button) => {
    button.setAttribute('aria-pressed', String(typeof helpful === 'boolean' && button.dataset.helpful === String(helpful)));
  });
}

// After a "no": the way to a person, right there (it sends the words that ask for one).
function offerPerson(group, show) {
  if (!group) return;
  const next = group.nextElementSibling;
  const shown = next && next.classList.contains('feedback-offer') ? next : null;
  if (!show) { if (shown) shown.remove(); return; }
  if (shown) return;
  const offer = h('div', { class: 'feedback-offer', role: 'status' }, h('p', {}, T.sorry));
  offer.append(h('button', { type: 'button', class: 'chip', onclick: () => {
    if (state.status === 'bot') submit(T.askPersonText);
    offer.remove();
    el.input.focus();
  } }, T.askPerson));
  group.after(offer);
}
