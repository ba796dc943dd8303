// After an agent closed the conversation: 1 to 5 stars and an optional comment, once.
import { DIR } from './config.js';
import { T } from './texts.js';
import { directionOf } from './direction.js';
import { el, h } from './dom.js';
import { state } from './state.js';
import { notice } from './status.js';
import { sendFrame } from './sending.js';
import { reconnectNow } from './connection.js';

const SCORES = [1, 2, 3, 4, 5];
const rating = { asked: false, done: false, score: 0, unsent: null };

// The server's word on a closed conversation (its `session` frame): still to be rated or not.
export function settleRating(rateable) {
  if (rateable) askForRating(); else finishRating(null);
}

export function askForRating() {
  if (rating.asked || rating.done) return;
  rating.asked = true;
  const stars = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': T.rateGroup },
    SCORES.map((score) => h('button', { type: 'button', role: 'radio', class: 'star', 'aria-checked': 'false',
      'aria-label': T.star(score), 'data-score': score, onclick: () => choose(score) }, '★')));
  const comment = h('textarea', { class: 'rating-comment', rows: 2, maxlength: 1000, dir: DIR,
    'aria-label': T.comment, placeholder: T.comment,
    oninput: () => { comment.dir = comment.value.trim() ? directionOf(comment.value) : DIR; } });
  const form = h('form', { class: 'rating-form', onsubmit: (event) => { event.preventDefault(); submitRating(comment.value); } },
    h('p', { class: 'rating-title' }, T.rateTitle(state.agent || T.agent)), stars, comment,
    h('button', { type: 'submit', class: 'primary rating-send' }, T.sendRating));
  el.rating.replaceChildren(form);
  el.rating.hidden = false;
}

function choose(score) {
  rating.score = score;
  el.rating.querySelectorAll('.star').forEach((star) => {
    const value = Number(star.dataset.score);
    star.setAttribute('aria-checked', String(value === score));
    star.classList.toggle('lit', value <= score);
  });
}

function submitRating(comment) {
  if (!rating.score) { notice(T.pickStars); return; }
  const frame = { type: 'rating', score: rating.score };
  if (comment.trim()) frame.comment = comment.trim();
  rating.unsent = frame;
  el.rating.querySelector('.rating-send').disabled = true;
  resendRating();
}

export function resendRating() {
  if (!rating.unsent) return;
  if (sendFrame(rating.unsent)) rating.unsent = null;
  else if (state.key) reconnectNow();
}

export function ratingStored() { finishRating(T.thanks); }

export function ratingRefused(frame) {
  const button = el.rating.querySelector('.rating-send');
  if (frame.code === 'invalid') finishRating(null);  // rated already, or no longer possible
  else if (button) button.disabled = false;
  notice(T.errors.rating);
}

function finishRating(thanks) {
  rating.done = true;
  rating.unsent = null;
  el.rating.replaceChildren(...(thanks ? [h('p', { class: 'rating-thanks', role: 'status' }, thanks)] : []));
  el.rating.hidden = !thanks;
}

export function forgetRating() {
  Object.assign(rating, { asked: false, done: false, score: 0, unsent: null });
  if (!el.rating) return;
  el.rating.replaceChildren();
  el.rating.hidden = true;
}
