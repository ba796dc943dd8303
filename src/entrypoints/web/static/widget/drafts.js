// The bot's answer while the model writes it (`message_delta` frames): a draft bubble that
// grows, never stored. The stored message that follows takes its place, whatever it says:
// the same answer, an FAQ's, or the notice that a person will reply (ADR 0035).
import { T } from './texts.js';
import { directionOf, isPersian } from './direction.js';
import { el, h } from './dom.js';
import { hideTyping, scrollToEnd } from './status.js';

const drafts = new Map();  // reply_to (the visitor's seq) -> { item, bubble, text }

export function growDraft(frame) {
  if (typeof frame.reply_to !== 'number' || typeof frame.delta !== 'string') return;
  hideTyping();
  let draft = drafts.get(frame.reply_to);
  if (!draft) {
    const bubble = h('p', { class: 'bubble' });
    // Out of the live log and hidden from screen readers: the stored answer is announced once.
    const item = h('div', { class: 'msg from-bot is-draft', 'data-reply-to': frame.reply_to, 'aria-hidden': 'true' },
      h('div', { class: 'meta' }, h('span', { class: 'who' }, T.bot)), bubble);
    el.drafts.append(item);
    draft = { item, bubble, text: '' };
    drafts.set(frame.reply_to, draft);
  }
  draft.text += frame.delta;
  draft.bubble.textContent = draft.text;
  draft.bubble.dir = directionOf(draft.text);
  draft.bubble.lang = isPersian(draft.text) ? 'fa' : 'en';
  scrollToEnd();
}

// Drafts of answers to messages before `seq` are settled: a later message has come.
export function withdrawDrafts(seq = Infinity) {
  drafts.forEach((draft, replyTo) => {
    if (replyTo >= seq) return;
    draft.item.remove();
    drafts.delete(replyTo);
  });
}
