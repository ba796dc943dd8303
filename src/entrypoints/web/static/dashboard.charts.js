// Charts as plain SVG (ADR 0040): presentation attributes and classes only (the desk's
// policy refuses inline styles), real text for print and screen readers, mirrored in RTL.
const SVG = "http://www.w3.org/2000/svg";

function node(name, attributes = {}, content = "") {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (content) element.textContent = content;
  return element;
}

const SWAP = { start: "end", end: "start", middle: "middle" };

/** Text anchored at a physical side ("start" = left of x, as in LTR); Persian text keeps its
 * own direction (so "۸ فروردین" reads right), with the anchor swapped to stay physical. */
function text(x, y, className, anchor, content, rtl) {
  const attributes = { x, y, class: className, "text-anchor": rtl ? SWAP[anchor] : anchor };
  if (rtl) attributes.direction = "rtl";
  return node("text", attributes, content);
}

function frame(width, height, label) {
  // direction ltr: text-anchor follows the text's direction, and the anchors here are
  // physical (the code mirrors the layout itself for RTL)
  return node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart-svg", direction: "ltr" });
}

/** Vertical bars per column, one bar per series side by side; columns read from the
 * reading direction's start (right to left in Persian). */
export function columns({ label, names, series, format, rtl }) {
  const width = 1000, height = 260, top = 24, bottom = 36, side = 36;
  const svg = frame(width, height, label);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (width - 2 * side) / Math.max(1, names.length);
  const bar = Math.max(2, (slot * 0.8) / series.length);
  const plot = height - top - bottom;
  svg.append(node("line", { x1: side, x2: width - side, y1: top + plot, y2: top + plot, class: "axis" }));
  svg.append(text(rtl ? width - 4 : 4, top - 8, "tick", rtl ? "end" : "start", format(max), rtl));
  names.forEach((name, i) => {
    const start = rtl ? width - side - (i + 1) * slot : side + i * slot;
    series.forEach((s, j) => {
      const value = s.values[i];
      const h = (value / max) * plot;
      const x = start + slot * 0.1 + (rtl ? series.length - 1 - j : j) * bar;
      const rect = node("rect", { x, y: top + plot - h, width: bar - 1, height: Math.max(h, value ? 1 : 0), class: s.className });
      rect.append(node("title", {}, `${name} — ${s.name}: ${format(value)}`));
      svg.append(rect);
    });
    const every = Math.ceil(names.length / 10);
    if (i % every === 0) {
      svg.append(text(start + slot / 2, height - bottom + 18, "tick", "middle", name, rtl));
    }
  });
  return svg;
}

/** One horizontal bar per row, growing from the reading direction's start. */
export function rows({ label, items, format, max, rtl }) {
  const width = 520, line = 30, labelWidth = 190, valueWidth = 80;
  const height = Math.max(1, items.length) * line + 8;
  const svg = frame(width, height, label);
  const top = max ?? Math.max(1, ...items.map((item) => item.value ?? 0));
  const room = width - labelWidth - valueWidth;
  items.forEach((item, i) => {
    const y = 4 + i * line;
    const length = ((item.value ?? 0) / top) * room;
    const x = rtl ? width - labelWidth - length : labelWidth;
    svg.append(text(rtl ? width - 4 : 4, y + 18, "label", rtl ? "end" : "start", item.label, rtl));
    svg.append(node("rect", { x, y: y + 4, width: Math.max(length, item.value ? 1 : 0), height: line - 10, class: item.className || "bar" }));
    const after = rtl ? x - 6 : x + length + 6;
    svg.append(text(after, y + 18, "value", rtl ? "end" : "start", format(item.value), rtl));
  });
  return svg;
}
