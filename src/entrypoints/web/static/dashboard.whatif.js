// Beside the FAQ form: what the FAQ as written would have answered in the period chosen on
// the Reports tab (the last 30 days unless changed)
// (POST /chat/api/admin/faqs/what-if/; nothing is stored).
import { lang, t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);

export class WhatIfPanel {
  constructor(app, editing, period) {
    this.app = app;
    this.editing = editing;
    this.period = period;
    $("what-if-run").addEventListener("click", () => this.run());
  }

  clear() {
    $("what-if-result").textContent = "";
    $("what-if-examples").replaceChildren();
  }

  async run() {
    const question = $("faq-question").value.trim(), answer = $("faq-answer").value.trim();
    const result = $("what-if-result");
    this.clear();
    if (!question || !answer) { result.textContent = t("whatIfNeeds"); return; }
    const keywords = $("faq-keywords").value.split(/[,،]/).map((word) => word.trim()).filter(Boolean);
    const editing = this.editing();
    const period = this.period();
    result.textContent = t("whatIfBusy");
    let response;
    try {
      response = await this.app.api("/chat/api/admin/faqs/what-if/", {
        method: "POST", body: JSON.stringify({
          question, answer, keywords, faq_id: editing ? editing.id : null,
          since: period ? period.get("since") : null, until: period ? period.get("until") : null,
        }),
      });
    } catch {
      result.textContent = t("offline");
      return;
    }
    if (!response.ok) {
      const detail = await response.json().catch(() => ({}));
      result.textContent = (detail.error && detail.error.message) || String(response.status);
      return;
    }
    const found = await response.json();
    const n = (value) => new Intl.NumberFormat(lang() === "fa" ? "fa-IR" : "en").format(value);
    result.textContent = t("whatIfResult", n(found.questions), n(found.would_answer), n(found.previously_unanswered), n(found.previously_other_faq));
    if (found.examples.length) {
      const items = found.examples.map((text) => Object.assign(document.createElement("li"), { textContent: text, dir: "auto" }));
      $("what-if-examples").replaceChildren(...items);
    }
  }
}
