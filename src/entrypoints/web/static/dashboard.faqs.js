// The FAQs tab: list, search (in the page), add, edit, deactivate through the REST API.
import { t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
const FIELDS = ["question", "answer", "keywords", "category", "priority"];
// GET /chat/api/faqs/ lists active FAQs only; the ones deactivated here are fetched one by
// one so they stay visible (and can be turned back on).
const INACTIVE = "pasokh-desk:inactive-faqs";
const LABELS = { question: "fQuestion", answer: "fAnswer", keywords: "fKeywords", category: "fCategory", priority: "fPriority", active: "fActive" };

export class FaqPage {
  constructor(app) {
    this.app = app;
    this.faqs = [];
    this.editing = null;
    this.inactive = new Set(JSON.parse(sessionStorage.getItem(INACTIVE) || "[]"));
    $("faq-search").addEventListener("input", () => this.render());
    $("faq-new").addEventListener("click", () => this.edit(null));
    $("faq-cancel").addEventListener("click", () => this.hideForm());
    $("faq-form").addEventListener("submit", (event) => { event.preventDefault(); this.save($("faq-active").checked); });
    $("faq-deactivate").addEventListener("click", () => this.save(false));
    $("faq-form").addEventListener("keydown", (event) => { if (event.key === "Escape") this.hideForm(); });
  }

  async load() {
    const response = await this.app.api("/chat/api/faqs/");
    if (response.ok) this.faqs = await response.json();
    const listed = new Set(this.faqs.map((faq) => faq.id));
    for (const id of [...this.inactive].filter((known) => !listed.has(known))) {
      const one = await this.app.api(`/chat/api/faqs/${encodeURIComponent(id)}/`);
      const faq = one.ok ? await one.json() : null;
      if (faq && !faq.active) this.faqs.push(faq);
      else this.inactive.delete(id);
    }
    sessionStorage.setItem(INACTIVE, JSON.stringify([...this.inactive]));
    this.render();
  }

  render() {
    const query = $("faq-search").value.trim().toLowerCase();
    const shown = this.faqs.filter((faq) => !query || [faq.question, faq.answer, faq.category, ...faq.keywords]
      .some((text) => text.toLowerCase().includes(query)));
    const rows = shown.map((faq) => {
      const row = document.createElement("tr");
      if (!faq.active) row.className = "inactive";
      const cells = [faq.question, faq.category, String(faq.priority)].map((text) => {
        const cell = document.createElement("td");
        cell.textContent = text;
        cell.dir = "auto";
        return cell;
      });
      const state = document.createElement("td");
      const chip = document.createElement("span");
      chip.className = faq.active ? "chip ok" : "chip off";
      chip.textContent = t(faq.active ? "faqActive" : "faqInactive");
      state.append(chip);
      const actions = document.createElement("td");
      const edit = document.createElement("button");
      edit.type = "button";
      edit.className = "ghost small";
      edit.textContent = t("edit");
      edit.setAttribute("aria-label", t("editNamed", faq.question));
      edit.addEventListener("click", () => this.edit(faq));
      actions.append(edit);
      row.append(...cells, state, actions);
      return row;
    });
    $("faq-rows").replaceChildren(...rows);
    $("faq-empty").hidden = shown.length > 0;
    if (!$("faq-form").hidden) $("faq-form-title").textContent = t(this.editing ? "editTitle" : "addTitle");
  }

  edit(faq) {
    this.editing = faq;
    this.clearErrors();
    $("faq-question").value = faq ? faq.question : "";
    $("faq-answer").value = faq ? faq.answer : "";
    $("faq-keywords").value = faq ? faq.keywords.join(", ") : "";
    $("faq-category").value = faq ? faq.category : "";
    $("faq-priority").value = faq ? String(faq.priority) : "0";
    $("faq-active").checked = faq ? faq.active : true;
    $("faq-deactivate").hidden = !faq || !faq.active;
    $("faq-form").hidden = false;
    $("faq-form-title").textContent = t(faq ? "editTitle" : "addTitle");
    $("faq-question").focus();
  }

  hideForm() {
    $("faq-form").hidden = true;
    this.editing = null;
    $("faq-new").focus();
  }

  clearErrors() {
    $("faq-error").hidden = true;
    for (const field of FIELDS) {
      $(`faq-${field}-error`).textContent = "";
      $(`faq-${field}`).removeAttribute("aria-invalid");
    }
  }

  async save(active) {
    this.clearErrors();
    const priority = Number.parseInt($("faq-priority").value || "0", 10);
    const body = {
      question: $("faq-question").value, answer: $("faq-answer").value,
      keywords: $("faq-keywords").value.split(/[,،]/).map((word) => word.trim()).filter(Boolean),
      category: $("faq-category").value.trim(), priority: Number.isNaN(priority) ? $("faq-priority").value : priority, active,
    };
    const path = this.editing ? `/chat/api/faqs/${encodeURIComponent(this.editing.id)}/` : "/chat/api/faqs/";
    let response;
    try {
      response = await this.app.api(path, { method: this.editing ? "PUT" : "POST", body: JSON.stringify(body) });
    } catch (error) {
      if (error.message !== "unauthorized") this.showError(t("offline"));
      return;
    }
    if (!response.ok) {
      const detail = await response.json().catch(() => ({}));
      this.showError((detail.error && detail.error.message) || String(response.status));
      return;
    }
    const saved = await response.json();
    if (saved.active) this.inactive.delete(saved.id);
    else this.inactive.add(saved.id);
    $("faq-status").textContent = t(active ? "saved" : "deactivated") + " " + saved.question;
    $("faq-form").hidden = true;
    this.editing = null;
    await this.load();
    $("faq-new").focus();
  }

  /** "question: must not be empty" marks the question field; other messages go on top. */
  showError(message) {
    const field = message.split(":")[0].split(".")[0].trim();
    if (FIELDS.includes(field)) {
      $(`faq-${field}-error`).textContent = message.slice(message.indexOf(":") + 1).trim();
      $(`faq-${field}`).setAttribute("aria-invalid", "true");
      $(`faq-${field}`).focus();
      $("faq-error").textContent = t("fixField", t(LABELS[field]));
    } else {
      $("faq-error").textContent = message;
    }
    $("faq-error").hidden = false;
  }
}
