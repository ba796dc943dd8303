// A message's own direction follows its language, not its first letter: Persian that
// starts with a Latin name or brand ("Sara به گفتگو پیوست") still reads right to left.
// The script most of its letters are in decides; on a tie, the first strong letter.
import { DIR } from './config.js';

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_CHAR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/g;
const LTR_CHARS = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/g;
export function directionOf(text) {
  const rtl = (text.match(RTL_CHARS) || []).length;
  const ltr = (text.match(LTR_CHARS) || []).length;
  if (rtl !== ltr) return rtl > ltr ? 'rtl' : 'ltr';
  const first = STRONG_CHAR.exec(text);
  return first && RTL_CHAR.test(first[0]) ? 'rtl' : (first ? 'ltr' : DIR);
}
export const isPersian = (text) => directionOf(text) === 'rtl';
