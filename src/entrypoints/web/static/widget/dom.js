// Strings become text nodes: nothing here is ever parsed as HTML.
import { LANG } from './config.js';

// The widget's elements, filled in by mount().
export const el = {};

export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  children.flat().forEach((child) => { if (child !== null && child !== undefined && child !== false) element.append(child); });
  return element;
}

const ICONS = {
  chat: ['M20.5 11.5a8 8 0 0 1-11.7 7.1L4 20l1.3-4.4A8 8 0 1 1 20.5 11.5z', 'stroke'],
  close: ['M6 6l12 12M18 6L6 18', 'stroke'],
  send: ['M3.4 20.4l17.45-7.48a1 1 0 0 0 0-1.84L3.4 3.6a1 1 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z', 'fill'],
  clock: ['M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z', 'stroke'],
  yes: ['M7 10v12M15 5.88L14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88z', 'stroke'],
  no: ['M17 14V2M9 18.12L10 14H4.17a2 2 0 0 1-1.92-2.56l2.33-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.76a2 2 0 0 0-1.79 1.11L12 22a3.13 3.13 0 0 1-3-3.88z', 'stroke'],
};
export function icon(name, size) {
  const [path, style] = ICONS[name];
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const shape = document.createElementNS(ns, 'path');
  for (const [key, value] of Object.entries({ viewBox: '0 0 24 24', width: size, height: size,
    'aria-hidden': 'true', focusable: 'false', class: `icon icon-${name}` })) svg.setAttribute(key, value);
  shape.setAttribute('d', path);
  if (style === 'stroke') {
    for (const [key, value] of Object.entries({ fill: 'none', stroke: 'currentColor', 'stroke-width': '2',
      'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) shape.setAttribute(key, value);
  } else shape.setAttribute('fill', 'currentColor');
  svg.append(shape);
  return svg;
}

const clockFormat = new Intl.DateTimeFormat(LANG === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
export function timeOf(iso) {
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? '' : clockFormat.format(moment);
}
