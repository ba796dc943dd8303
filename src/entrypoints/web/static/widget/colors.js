// WCAG 2 relative luminance and contrast, to pick readable text on the chosen colour.
import { COLOR } from './config.js';

function luminance([r, g, b]) {
  const linear = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const WHITE = [255, 255, 255];
const DARK = [17, 24, 39];
export const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;
export const ON_COLOR = contrast(COLOR, WHITE) >= contrast(COLOR, DARK) ? WHITE : DARK;
// Links and focus rings sit on white: use the colour only where it reads there.
export const ACCENT = contrast(COLOR, WHITE) >= 4.5 ? COLOR : [31, 41, 55];
