// All of it lives in the shadow root. `all: initial` on the host, with !important,
// wins over any host-page rule aimed at the host element itself; rules of the page
// cannot reach inside. Sizes are px, never rem (the page owns the root font size).
import { COLOR, DIR, SIDE } from './config.js';
import { ACCENT, ON_COLOR, WHITE, css } from './colors.js';

export function styles() {
  const color = css(COLOR);
  const on = css(ON_COLOR);
  const accent = css(ACCENT);
  const glow = `rgba(${ACCENT.join(', ')}, 0.22)`;
  const onTint = ON_COLOR === WHITE ? 'rgba(255, 255, 255, 0.18)' : 'rgba(0, 0, 0, 0.08)';
  const far = SIDE === 'right' ? 'left' : 'right';
  const font = 'Vazirmatn, "Segoe UI", Tahoma, system-ui, -apple-system, Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';
  return `
:host { all: initial !important; display: block !important; position: fixed !important;
bottom: 20px !important; ${SIDE}: 20px !important; ${far}: auto !important; top: auto !important;
z-index: 2147483000 !important; visibility: visible !important; opacity: 1 !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { display: flex; flex-direction: column; align-items: ${SIDE === 'right' ? 'flex-end' : 'flex-start'}; gap: 14px;
direction: ltr; font: 15px/1.55 ${font}; color: #0f172a; -webkit-font-smoothing: antialiased; color-scheme: light; }
button { font: inherit; color: inherit; background: none; border: 0; margin: 0; padding: 0; cursor: pointer; }
button:disabled { cursor: default; opacity: .5; }
:focus { outline: none; }
:focus-visible { outline: 3px solid ${accent}; outline-offset: 2px; }
.panel { width: 380px; height: min(640px, calc(100vh - 120px)); min-height: 320px; display: flex; flex-direction: column;
background: #fff; border-radius: 18px; overflow: hidden; direction: ${DIR}; text-align: start;
box-shadow: 0 24px 60px -12px rgba(15, 23, 42, .38), 0 0 0 1px rgba(15, 23, 42, .07); animation: rise .18s ease-out; }
@keyframes rise { from { opacity: 0; transform: translateY(10px); } to { opacity: 1; transform: none; } }
.head { display: flex; align-items: center; gap: 12px; padding: 14px 14px 14px 16px; background: ${color}; color: ${on}; }
.head :focus-visible { outline-color: ${on}; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; background: ${onTint}; }
.head-text { flex: 1; min-width: 0; }
.head h2 { margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin: 2px 0 0; font-size: 13px; display: flex; align-items: center; gap: 6px; }
.status::before { content: ""; flex: none; width: 8px; height: 8px; border-radius: 50%; background: #22c55e; box-shadow: 0 0 0 2px ${onTint}; }
.status[data-status="queued"]::before { background: #f59e0b; }
.status[data-status="closed"]::before { background: #94a3b8; }
.status[data-connection="reconnecting"]::before { background: #ef4444; }
.icon-button { flex: none; width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center; }
.icon-button:hover { background: ${onTint}; }
.bar { padding: 9px 16px; font-size: 13.5px; line-height: 1.45; border-bottom: 1px solid #e2e8f0; }
.bar-offline { background: #fef2f2; color: #991b1b; }
.bar-queued { background: #fffbeb; color: #78350f; }
.bar-with_agent { background: #f0fdf4; color: #14532d; }
.scroll { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px 14px; background: #f8fafc;
display: flex; flex-direction: column; gap: 12px; }
.log, .stored, .pending { display: flex; flex-direction: column; gap: 12px; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 86%; align-self: flex-start; }
.meta { display: flex; align-items: center; gap: 6px; margin: 0 4px 3px; font-size: 12px; color: #64748b; }
.who { font-weight: 600; color: #334155; }
.meta time { font-variant-numeric: tabular-nums; }
.bubble { margin: 0; padding: 9px 13px; border-radius: 16px; background: #fff; border: 1px solid #e2e8f0; color: #0f172a;
white-space: pre-wrap; overflow-wrap: anywhere; text-align: start; unicode-bidi: plaintext; }
.from-bot .bubble, .from-agent .bubble { border-start-start-radius: 6px; }
.from-user { align-self: flex-end; align-items: flex-end; }
.from-user .bubble { background: ${color}; color: ${on}; border-color: transparent; border-start-end-radius: 6px; }
.from-agent .who { color: ${accent}; }
.from-agent .bubble { border-color: ${glow}; border-inline-start: 3px solid ${accent}; }
.from-system { align-self: center; max-width: 94%; }
.from-system .bubble { background: #fffbeb; border-color: #fde68a; color: #78350f; font-size: 13.5px; text-align: center; border-radius: 12px; }
.tag { font-size: 10.5px; font-weight: 700; line-height: 1.6; padding: 0 7px; border-radius: 999px; letter-spacing: .03em; }
.tag-faq { background: #dcfce7; color: #166534; }
.tag-ai { background: #ede9fe; color: #5b21b6; }
.is-pending .bubble { opacity: .62; }
.drafts { display: flex; flex-direction: column; gap: 12px; }
.drafts:empty { display: none; }
.is-draft .bubble::after { content: "▍"; margin-inline-start: 2px; color: ${accent}; animation: blink 1s infinite; }
.state { display: inline-flex; align-items: center; gap: 4px; color: #64748b; }
.suggestions-title { margin: 4px 4px 6px; font-size: 12.5px; color: #64748b; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 8px; }
.chip { padding: 6px 12px; border-radius: 999px; background: #fff; border: 1px solid ${glow}; color: ${accent}; font-size: 13.5px; text-align: start; }
.chip:hover { background: ${glow}; }
.offers { margin-top: 8px; }
.chip:disabled { opacity: .55; cursor: default; }
.chip[aria-pressed="true"] { opacity: 1; background: ${glow}; font-weight: 600; }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 6px 4px 0; font-size: 12.5px; color: #475569; }
.feedback-choice { display: inline-flex; align-items: center; gap: 4px; padding: 3px 10px; border-radius: 999px;
  background: #fff; border: 1px solid #cbd5e1; color: #334155; }
.feedback-choice:hover { background: ${glow}; }
.feedback-choice[aria-pressed="true"] { background: ${glow}; border-color: ${accent}; color: #0f172a; font-weight: 600; }
.feedback-offer { margin: 8px 4px 0; font-size: 13px; color: #334155; }
.feedback-offer p { margin: 0 0 6px; }
.rating { margin: 0 0 12px; }
.rating-form { display: flex; flex-direction: column; align-items: stretch; gap: 8px; }
.closed .rating-title { margin: 0; }
.stars { display: flex; justify-content: center; gap: 4px; }
.star { font-size: 30px; line-height: 1; padding: 2px 4px; color: #94a3b8; }
.star.lit { color: #d97706; }
.rating-comment { flex: none; width: 100%; min-height: 60px; }
.closed .rating-thanks { margin: 0; color: #14532d; }
.contact { margin-top: 10px; padding: 12px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; font-size: 14px; }
.contact-intro { margin: 0 0 10px; color: #334155; line-height: 1.6; }
.contact-form { display: flex; flex-direction: column; gap: 8px; }
.contact-field { display: flex; flex-direction: column; gap: 4px; }
.contact-field label { align-self: flex-start; font-size: 13px; font-weight: 600; color: #334155; }
.contact-field input { margin: 0; padding: 9px 11px; font: inherit; color: #0f172a; background: #fff; border: 1px solid #cbd5e1; border-radius: 10px; outline: none; }
.contact-field input[dir="ltr"] { text-align: start; }
[dir="rtl"] .contact-field input[dir="ltr"] { text-align: right; }
.contact-field input:focus { border-color: ${accent}; box-shadow: 0 0 0 3px ${glow}; }
.contact-field input[aria-invalid="true"] { border-color: #dc2626; }
.field-error { margin: 0; color: #991b1b; font-size: 12.5px; }
.contact-hint { margin: 0; color: #64748b; font-size: 12.5px; }
.contact-thanks { margin: 0; color: #14532d; }
.transcript { display: block; margin: 0 0 4px; color: #0f766e; font-size: 12.5px; font-weight: 600; text-decoration: underline; }
.transcript[hidden], .mail-status[hidden] { display: none; }
.keep { display: flex; justify-content: center; gap: 12px; flex-wrap: wrap; }
button.transcript { padding: 0; background: none; }
.mail-status { display: block; margin: 0 0 4px; color: #14532d; font-size: 12.5px; }
.typing { display: flex; align-items: center; gap: 8px; font-size: 13px; color: #475569; }
.dots { display: inline-flex; gap: 3px; padding: 8px 10px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; }
.dots span { width: 6px; height: 6px; border-radius: 50%; background: #94a3b8; animation: blink 1.2s infinite ease-in-out; }
.dots span:nth-child(2) { animation-delay: .2s; } .dots span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.notice { margin: 0; padding: 9px 16px; background: #fef2f2; color: #991b1b; font-size: 13.5px; border-top: 1px solid #fecaca; }
.closed { padding: 14px 16px 4px; text-align: center; background: #fff; border-top: 1px solid #e2e8f0; }
.closed p { margin: 0 0 10px; color: #334155; font-weight: 600; }
.primary { padding: 10px 18px; border-radius: 10px; background: ${color}; color: ${on}; font-weight: 600; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 12px; background: #fff; border-top: 1px solid #e2e8f0; }
.closed:not([hidden]) + .composer { border-top: 0; }
textarea { flex: 1; min-width: 0; min-height: 44px; max-height: 140px; resize: none; margin: 0; padding: 10px 12px;
font: inherit; color: #0f172a; background: #fff; border: 1px solid #cbd5e1; border-radius: 12px; outline: none; }
textarea::placeholder { color: #64748b; }
textarea:focus, textarea:focus-visible { outline: none; border-color: ${accent}; box-shadow: 0 0 0 3px ${glow}; }
textarea:disabled { background: #f1f5f9; }
.send { flex: none; width: 44px; height: 44px; border-radius: 12px; display: grid; place-items: center; background: ${color}; color: ${on}; }
[dir="rtl"] .icon-send { transform: scaleX(-1); }
.brand { margin: 0; padding: 0 0 8px; background: #fff; text-align: center; font-size: 11.5px; color: #64748b; }
.launcher { position: relative; width: 60px; height: 60px; border-radius: 50%; display: grid; place-items: center;
background: ${color}; color: ${on}; box-shadow: 0 10px 28px -6px rgba(15, 23, 42, .45); transition: transform .15s ease; }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline-offset: 4px; }
.root:not(.open) .launcher .icon-close, .root.open .launcher .icon-chat { display: none; }
.badge { position: absolute; top: -4px; ${SIDE}: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
display: grid; place-items: center; background: #dc2626; color: #fff; font-size: 12px; font-weight: 700; border: 2px solid #fff; }
@media (max-width: 480px) {
.panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
.root.open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; } }
`;
}
