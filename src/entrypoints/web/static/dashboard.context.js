// Beside the open conversation: where the visitor opened it, their browser and system in
// words, and their earlier conversations, each openable to read. Read over REST
// (GET /chat/api/admin/sessions/{key}/); the socket only says when the queue changes.
import { lang, t } from "./dashboard.i18n.js";
import { shown } from "./dashboard.names.js";

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function when(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return "";
  return time.toLocaleString(lang() === "fa" ? "fa-IR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** A page address as a link when it is a web address (never javascript: or the like). */
function address(url) {
  const text = el("span", "ctx-url", url);
  text.dir = "ltr";
  if (!/^https?:\/\//i.test(url)) return text;
  const link = el("a", "ctx-url", url);
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.dir = "ltr";
  return link;
}

function speaker(message) {
  switch (message.sender) {
    case "user": return t("visitor");
    case "bot": return t("bot");
    case "agent": return shown(message.agent) || t("agentSender");
    case "note": return t("noteBy", shown(message.agent) || t("agentSender"));
    default: return t("system");
  }
}

export class ContextPanel {
  constructor(app) {
    this.app = app;
    this.key = null;
    this.detail = null;
    this.past = null;
    this.failed = false;
    $("ctx-hide").addEventListener("click", () => {
      this.past = null;
      this.render();
      $("context-title").focus();
    });
  }

  /** The conversation the agent opened; its details are fetched once per opening. */
  async show(key) {
    if (key === this.key) return;
    Object.assign(this, { key, detail: null, past: null, failed: false });
    this.render();
    const detail = await this.load(key);
    if (key !== this.key) return;  // the agent moved on meanwhile
    this.detail = detail;
    this.failed = !detail;
    this.render();
  }

  clear() {
    Object.assign(this, { key: null, detail: null, past: null, failed: false });
    this.render();
  }

  summaryOf(key) { return key === this.key && this.detail ? this.detail.summary : null; }

  async load(key) {
    try {
      const response = await this.app.api(`/chat/api/admin/sessions/${encodeURIComponent(key)}/`);
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  }

  async openPast(key) {
    const showing = this.key;
    const detail = await this.load(key);
    if (showing !== this.key) return;
    this.past = detail || { session_key: key, messages: [], status: "", created_at: "" };
    this.render();
    $("ctx-past-title").focus();
  }

  render() {
    const panel = $("context");
    panel.hidden = !this.key;
    if (!this.key) return;
    $("ctx-status").textContent = this.failed ? t("ctxFailed") : (this.detail ? "" : t("ctxLoading"));
    $("ctx-about").hidden = Boolean(this.past);
    $("ctx-past").hidden = !this.past;
    if (this.past) this.renderPast();
    const context = this.detail ? this.detail.context : null;
    this.renderFacts(context);
    this.renderEarlier(this.detail ? this.detail.previous_sessions : []);
  }

  renderFacts(context) {
    const facts = $("ctx-facts");
    facts.replaceChildren();
    if (!context) return;
    const rows = [
      ["ctxPage", context.page_url ? address(context.page_url) : t("ctxUnknown")],
      ["ctxReferrer", context.referrer ? address(context.referrer) : t("ctxDirect")],
      ["ctxLocale", context.locale || t("ctxUnknown")],
      ["ctxBrowser", context.browser || t("ctxUnknown")],
    ];
    for (const [label, value] of rows) {
      const term = el("dt", "", t(label));
      const detail = el("dd");
      detail.dataset.fact = label;
      if (typeof value === "string") { detail.textContent = value; detail.dir = "auto"; } else detail.append(value);
      if (label === "ctxBrowser" && context.user_agent) detail.title = context.user_agent;
      facts.append(term, detail);
    }
  }

  renderEarlier(earlier) {
    const list = $("ctx-earlier");
    list.replaceChildren();
    for (const past of earlier) {
      const button = el("button", "item ctx-earlier-item",
        t("ctxPast", past.session_key.slice(0, 8), when(past.created_at), t(`st_${past.status}`)));
      button.type = "button";
      button.dataset.key = past.session_key;
      button.addEventListener("click", () => this.openPast(past.session_key));
      const item = el("li");
      item.append(button);
      list.append(item);
    }
    $("ctx-none").hidden = !this.detail || earlier.length > 0;
  }

  renderPast() {
    $("ctx-past-title").textContent = t("ctxPastTitle", this.past.session_key.slice(0, 8));
    const list = $("ctx-past-messages");
    list.replaceChildren();
    for (const message of this.past.messages) {
      const item = el("li", `past-msg from-${message.sender}`);
      const text = el("p", "text", message.text);
      text.dir = "auto";
      item.append(el("span", "who", `${speaker(message)} · ${when(message.created_at)}`), text);
      list.append(item);
    }
    if (!this.past.messages.length) list.append(el("li", "empty", t("ctxPastEmpty")));
  }
}
