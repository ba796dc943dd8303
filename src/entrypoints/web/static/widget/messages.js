// The conversation on screen: stored messages, each once in `seq` order, and the
// visitor's own messages still waiting for the server's echo.
import { T } from './texts.js';
import { directionOf, isPersian } from './direction.js';
import { el, h, icon, timeOf } from './dom.js';
import { isLive, link, state } from './state.js';
import { submit } from './sending.js';
import { autosize } from './panel.js';
import { hideTyping, scrollToEnd } from './status.js';
import { forgetPopular, loadPopular } from './popular.js';
import { feedbackControls, isAnswer } from './feedback.js';

function senderName(message) {
  if (message.sender === 'user') return T.you;
  if (message.sender === 'agent') return message.agent || state.agent || T.agent;
  return T.bot;
}

export function bubble(text) {
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
  if (isAnswer(message)) item.append(feedbackControls(message));
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

export function appendMessage(message) {
  el.stored.append(messageElement(message));
  el.suggestions.hidden = true;
  scrollToEnd();
}

export function appendPending(item) {
  const progress = h('span', { class: 'state' }, icon('clock', 12), h('span', { class: 'state-text' }));
  const entry = h('div', { class: 'msg from-user is-pending', 'data-client-id': item.client_id },
    h('div', { class: 'meta' }, h('span', { class: 'who' }, T.you), progress), bubble(item.text));
  el.pending.append(entry);
  el.suggestions.hidden = true;
  refreshPending();
  scrollToEnd();
}

export function removePending(clientId) {
  el.pending.querySelectorAll('.is-pending').forEach((entry) => {
    if (entry.dataset.clientId === clientId) entry.remove();
  });
}

export function refreshPending() {
  const live = isLive();
  el.pending.querySelectorAll('.is-pending').forEach((entry) => {
    entry.querySelector('.state-text').textContent = live && link.inflight.includes(entry.dataset.clientId) ? T.sending : T.waiting;
  });
}

export function clearConversation() {
  el.stored.replaceChildren();
  hideTyping();
  forgetPopular();
  loadPopular();
}

export function restoreDraft(text) {
  el.input.value = el.input.value.trim() ? `${text}\n${el.input.value}` : text;
  autosize();
}
