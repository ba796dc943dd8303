// When nobody can answer (outside the business hours, or no agent on): when the team is
// back, and a short form to leave a name and an email or a phone number.
import { DIR, LANG } from './config.js';
import { T } from './texts.js';
import { el, h } from './dom.js';
import { state } from './state.js';
import { store } from './storage.js';
import { sendFrame } from './sending.js';
import { notice } from './status.js';

const EMAIL = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;
const PHONE = /^\+?\d{7,15}$/;
const FIELDS = ['name', 'email', 'phone'];
const contact = { shown: false, sending: false };

// Persian ۰-۹ and Arabic-Indic ٠-٩ digits read as 0-9; spaces, dashes, dots, brackets dropped.
export function phoneDigits(text) {
  return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06F0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\s\-().]/g, '');
}

const pad = (n) => String(n).padStart(2, '0');
const digitsFor = (text) => (LANG === 'fa' ? text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]) : text);

// "today at 09:00", "on Saturday at 09:00" (Jalali weekday names in Persian), in the
// visitor's own clock.
export function whenBack(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const today = new Date();
  const days = Math.round((new Date(at).setHours(0, 0, 0, 0) - new Date(today).setHours(0, 0, 0, 0)) / 86400000);
  const day = days === 0 ? T.today : days === 1 ? T.tomorrow : T.onDay(T.weekdays[at.getDay()]);
  return T.backAt(day, digitsFor(`${pad(at.getHours())}:${pad(at.getMinutes())}`));
}

// A `queue` frame: offline (and when the team is back) or not.
export function showAvailability(frame) {
  if (!el.contact) return;
  if (!frame.offline) { if (!contact.shown) el.contact.hidden = true; return; }
  const back = frame.opens_at ? whenBack(frame.opens_at) : null;
  const intro = back ? T.offlineUntil(back) : T.offlineNow;
  if (contact.shown) { el.contact.querySelector('.contact-intro').textContent = intro; return; }
  contact.shown = true;
  const left = store.get('contact') === state.key;
  el.contact.replaceChildren(h('p', { class: 'contact-intro' }, intro),
    left ? h('p', { class: 'contact-thanks', role: 'status' }, T.contactThanks) : contactForm());
  el.contact.hidden = false;
}

function field(name, label, attributes) {
  const id = `pasokh-contact-${name}`;
  return h('div', { class: 'contact-field' },
    h('label', { for: id }, label),
    h('input', { id, name, 'aria-describedby': `${id}-error`, ...attributes }),
    h('p', { id: `${id}-error`, class: 'field-error', role: 'alert', hidden: true }));
}

function contactForm() {
  return h('form', { class: 'contact-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); submitContact(); } },
    field('name', T.contactName, { type: 'text', maxlength: 100, autocomplete: 'name', dir: DIR }),
    field('email', T.contactEmail, { type: 'email', maxlength: 254, autocomplete: 'email', dir: 'ltr' }),
    field('phone', T.contactPhone, { type: 'tel', maxlength: 40, autocomplete: 'tel', inputmode: 'tel', dir: 'ltr' }),
    h('p', { class: 'contact-hint' }, T.contactHint),
    h('button', { type: 'submit', class: 'primary contact-send' }, T.contactSend));
}

const input = (name) => el.contact.querySelector(`input[name="${name}"]`);

function showError(name, text) {
  FIELDS.forEach((other) => {
    const box = input(other);
    const message = el.contact.querySelector(`#pasokh-contact-${other}-error`);
    const wrong = other === name;
    box.setAttribute('aria-invalid', String(wrong));
    message.textContent = wrong ? text : '';
    message.hidden = !wrong;
  });
  if (name) input(name).focus();
}

// What is wrong with the form, as [field, text], or null; the typed values are never touched.
function problem(name, email, phone) {
  if (name.length > 100) return ['name', T.contactErrors.name];
  if (!email && !phone) return ['email', T.contactErrors.required];
  if (email && !EMAIL.test(email)) return ['email', T.contactErrors.email];
  if (phone && !PHONE.test(phoneDigits(phone))) return ['phone', T.contactErrors.phone];
  return null;
}

function submitContact() {
  if (contact.sending) return;
  const [name, email, phone] = FIELDS.map((key) => input(key).value.trim());
  const wrong = problem(name, email, phone);
  if (wrong) { showError(...wrong); return; }
  const frame = { type: 'contact' };
  if (name) frame.name = name;
  if (email) frame.email = email;
  if (phone) frame.phone = phone;
  if (!sendFrame(frame)) { showError('email', T.contactErrors.other); return; }
  contact.sending = true;
  el.contact.querySelector('.contact-send').disabled = true;
}

export function contactStored(frame) {
  contact.sending = false;
  store.set('contact', state.key);
  if (frame && frame.email) { store.set('contact-email', state.key); renderMailButton(); }
  const form = el.contact.querySelector('.contact-form');
  if (form) form.replaceWith(h('p', { class: 'contact-thanks', role: 'status' }, T.contactThanks));
}

// The server refused it: say which field, keep everything typed.
export function contactRefused(frame) {
  contact.sending = false;
  const button = el.contact.querySelector('.contact-send');
  if (!button) return;
  button.disabled = false;
  const named = String(frame.message || '').split(':')[0];
  const name = FIELDS.includes(named) ? named : 'email';
  showError(name, T.contactErrors[named] || T.contactErrors.other);
}

// "Email me this conversation": once the visitor left an email for this conversation.
export function renderMailButton() {
  if (!el.mailTranscript) return;
  el.mailTranscript.hidden = !(state.key && store.get('contact-email') === state.key);
}

export function mailTranscript() {
  el.mailTranscript.disabled = true;
  if (!sendFrame({ type: 'email_transcript', lang: LANG })) {
    el.mailTranscript.disabled = false;
    notice(T.errors.mail);
  }
}

export function transcriptMailed(frame) {
  el.mailTranscript.disabled = false;
  el.mailStatus.textContent = T.mailed(frame.to || '');
  el.mailStatus.hidden = false;
}

export function transcriptNotMailed(frame) {
  el.mailTranscript.disabled = false;
  if (frame.code === 'mail_off') el.mailTranscript.hidden = true;
  notice(frame.code === 'mail_off' ? T.errors.mailOff : T.errors.mail);
}

export function forgetContact() {
  Object.assign(contact, { shown: false, sending: false });
  if (!el.contact) return;
  el.contact.replaceChildren();
  el.contact.hidden = true;
}
