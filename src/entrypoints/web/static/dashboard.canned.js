// The saved-replies picker in the reply box: "/" and a few letters list the replies whose
// shortcut starts with them (as domain/canned.py offered_for); arrows choose, Enter
// inserts, Escape closes. Keyboard first; a click inserts too.
import { t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
export const CANNED = "/chat/api/admin/canned-responses/";
const TYPED = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;  // a "/word" right before the caret

export class CannedPicker {
  constructor(app, box) {
    this.app = app;
    this.box = box;
    this.list = $("canned-list");
    this.replies = [];
    this.shown = [];
    this.active = -1;
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", "canned-list");
    box.setAttribute("aria-expanded", "false");
    box.addEventListener("input", () => this.update());
    // capture: at the reply box, before the desk's own Enter (send) handler
    box.addEventListener("keydown", (event) => this.key(event), { capture: true });
    // after a blur, close unless the box has the focus back by then: a click on an option
    // lands first, and a blur followed by a quick return (a tab switch) leaves it open
    box.addEventListener("blur", () => setTimeout(() => {
      if (document.activeElement !== box) this.close();
    }, 150));
    this.list.addEventListener("mousedown", (event) => event.preventDefault());  // keep focus
  }

  async load() {
    // an expired token logs the agent out (app.api throws): nothing to list then
    const response = await this.app.api(CANNED).catch(() => null);
    if (response && response.ok) this.replies = await response.json();
  }

  typed() {
    const before = this.box.value.slice(0, this.box.selectionStart);
    const match = TYPED.exec(before);
    return match ? { word: match[2], start: before.length - match[2].length - 1 } : null;
  }

  update() {
    const typed = this.typed();
    if (!typed) { this.close(); return; }
    const word = typed.word.toLocaleLowerCase();
    this.shown = this.replies.filter((reply) => reply.shortcut.toLocaleLowerCase().startsWith(word));
    this.active = this.shown.length ? 0 : -1;
    this.render(typed.word);
  }

  render(word = "") {
    const items = this.shown.map((reply, index) => {
      const item = document.createElement("li");
      item.id = `canned-option-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(index === this.active));
      const name = document.createElement("span");
      name.className = "shortcut";
      name.dir = "ltr";  // "/" stays before a Persian shortcut
      name.textContent = `/${reply.shortcut}`;
      const text = document.createElement("span");
      text.className = "preview";
      text.dir = "auto";
      text.textContent = reply.text;
      item.append(name, text);
      item.addEventListener("click", () => this.pick(index));
      return item;
    });
    if (!items.length) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = t("pickerNone", word);
      items.push(none);
    }
    this.list.replaceChildren(...items);
    this.list.hidden = false;
    this.box.setAttribute("aria-expanded", "true");
    if (this.active >= 0) {
      this.box.setAttribute("aria-activedescendant", `canned-option-${this.active}`);
      $(`canned-option-${this.active}`).scrollIntoView({ block: "nearest" });
    } else this.box.removeAttribute("aria-activedescendant");
    this.app.announce(this.shown.length ? t("pickerCount", this.shown.length) : t("pickerNone", word));
  }

  get isOpen() { return !this.list.hidden; }

  close() {
    if (!this.isOpen) return;
    this.list.hidden = true;
    this.shown = [];
    this.active = -1;
    this.box.setAttribute("aria-expanded", "false");
    this.box.removeAttribute("aria-activedescendant");
  }

  key(event) {
    if (!this.isOpen || event.isComposing) return;
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && this.shown.length) {
      this.active = (this.active + moves[event.key] + this.shown.length) % this.shown.length;
      this.render();
    } else if (event.key === "Enter" && this.active >= 0 && !event.shiftKey) {
      this.pick(this.active);
    } else if (event.key === "Escape") {
      this.close();
    } else return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** The "/word" before the caret becomes the reply's text; the agent reads it, then sends. */
  pick(index) {
    const reply = this.shown[index];
    const typed = this.typed();
    if (!reply || !typed) return;
    const after = this.box.value.slice(this.box.selectionStart);
    this.box.value = this.box.value.slice(0, typed.start) + reply.text + after;
    const caret = typed.start + reply.text.length;
    this.box.setSelectionRange(caret, caret);
    this.close();
    this.box.focus();
    this.box.dispatchEvent(new Event("input"));
  }
}
