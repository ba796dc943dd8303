// The saved replies tab (admins): add, edit and delete the team's canned responses.
import { t } from "./dashboard.i18n.js";
import { CANNED } from "./dashboard.canned.js";

const $ = (id) => document.getElementById(id);

function button(label, aria, className, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = className;
  node.textContent = label;
  node.setAttribute("aria-label", aria);
  node.addEventListener("click", onClick);
  return node;
}

/** A shortcut inside a sentence, kept whole whatever the sentence's direction. */
function isolated(text) { return `\u2068${text}\u2069`; }

export class RepliesPage {
  constructor(app, picker) {
    this.app = app;
    this.picker = picker;
    this.editing = null;
    $("reply-new").addEventListener("click", () => this.edit(null));
    $("reply-cancel").addEventListener("click", () => this.hideForm());
    $("reply-form").addEventListener("submit", (event) => { event.preventDefault(); this.save(); });
    $("reply-form").addEventListener("keydown", (event) => { if (event.key === "Escape") this.hideForm(); });
  }

  async load() {
    await this.picker.load();
    this.render();
  }

  render() {
    const rows = this.picker.replies.map((reply) => {
      const row = document.createElement("tr");
      const name = document.createElement("td");
      name.dir = "ltr";  // "/" stays before a Persian shortcut
      name.className = "shortcut-cell";
      name.textContent = `/${reply.shortcut}`;
      const text = document.createElement("td");
      text.dir = "auto";
      text.className = "reply-text";
      text.textContent = reply.text;
      const actions = document.createElement("td");
      const buttons = document.createElement("span");
      buttons.className = "row-actions";
      buttons.append(
        button(t("edit"), t("editReply", reply.shortcut), "ghost small", () => this.edit(reply)),
        button(t("cDelete"), t("deleteReply", reply.shortcut), "ghost small", () => this.remove(reply)));
      actions.append(buttons);
      row.append(name, text, actions);
      return row;
    });
    $("reply-rows").replaceChildren(...rows);
    $("replies-empty").hidden = rows.length > 0;
  }

  edit(reply) {
    this.editing = reply;
    $("reply-form").hidden = false;
    $("reply-error").hidden = true;
    $("reply-shortcut").value = reply ? reply.shortcut : "";
    $("reply-text").value = reply ? reply.text : "";
    $("reply-shortcut").focus();
  }

  hideForm() {
    this.editing = null;
    $("reply-form").hidden = true;
    $("reply-new").focus();
  }

  async save() {
    const body = { shortcut: $("reply-shortcut").value.trim(), text: $("reply-text").value };
    const path = this.editing ? `${CANNED}${encodeURIComponent(this.editing.id)}/` : CANNED;
    const response = await this.app.api(path, { method: this.editing ? "PUT" : "POST", body: JSON.stringify(body) });
    if (!response.ok) {
      const error = (await response.json()).error || {};
      const field = (error.message || "").startsWith("text") ? "reply-text" : "reply-shortcut";
      $("reply-error").textContent = t("err_invalid", error.message || "");
      $("reply-error").hidden = false;
      $(field).setAttribute("aria-invalid", "true");
      $(field).focus();
      return;
    }
    for (const id of ["reply-shortcut", "reply-text"]) $(id).removeAttribute("aria-invalid");
    const saved = await response.json();
    this.hideForm();
    this.say(t("replySaved", isolated(saved.shortcut)));
    await this.load();
  }

  async remove(reply) {
    const response = await this.app.api(`${CANNED}${encodeURIComponent(reply.id)}/`, { method: "DELETE" });
    if (!response.ok) return;
    this.say(t("replyDeleted", isolated(reply.shortcut)));
    await this.load();
    $("reply-new").focus();
  }

  say(text) {
    $("replies-status").textContent = text;
    this.app.announce(text);
  }
}
