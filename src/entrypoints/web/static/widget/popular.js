// A few popular questions in the widget's language, offered before the first message.
import { API, LANG } from './config.js';
import { T } from './texts.js';
import { isPersian } from './direction.js';
import { el, h } from './dom.js';
import { state } from './state.js';
import { submit } from './sending.js';

let loaded = false;

export function forgetPopular() { loaded = false; }

export async function loadPopular() {
  if (loaded || !state.open) return;
  loaded = true;
  let faqs = [];
  try {
    const response = await fetch(new URL('faqs/', API).href, { credentials: 'omit' });
    faqs = response.ok ? await response.json() : [];
  } catch { loaded = false; return; }
  const picked = (Array.isArray(faqs) ? faqs : [])
    .filter((faq) => faq && typeof faq.question === 'string' && isPersian(faq.question) === (LANG === 'fa'))
    .filter((faq, index, all) => all.findIndex((other) => other.category === faq.category) === index)
    .slice(0, 3);
  el.suggestions.replaceChildren(h('p', { class: 'suggestions-title' }, T.suggestions),
    h('div', { class: 'chips' }, picked.map((faq) => h('button', { type: 'button', class: 'chip',
      onclick: () => { if (submit(faq.question)) el.input.focus(); } }, faq.question))));
  el.suggestions.hidden = !picked.length || state.seen.size > 0 || state.outbox.length > 0;
}
