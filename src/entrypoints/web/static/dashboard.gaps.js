// Content gaps on the Reports tab: the groups of GET /chat/api/admin/gaps/, each one click
// away from a draft FAQ (its question and keywords filled in the FAQ form).
import { lang, t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
const SHOWN = 20;

export class GapList {
  constructor(app, draftFaq) {
    this.app = app;
    this.draftFaq = draftFaq;
    this.gaps = [];
  }

  async load(period) {
    const response = await this.app.api(`/chat/api/admin/gaps/?${period}`);
    this.gaps = response.ok ? await response.json() : [];
    this.render();
  }

  render() {
    const count = (n) => new Intl.NumberFormat(lang() === "fa" ? "fa-IR" : "en").format(n);
    const items = this.gaps.slice(0, SHOWN).map((gap) => {
      const item = document.createElement("li");
      item.className = "gap";
      const label = document.createElement("p");
      label.className = "gap-label";
      label.dir = "auto";
      label.textContent = gap.label;
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = [gap.count === 1 ? t("gapOnce") : t("gapCount", count(gap.count)), gap.escalated ? t("gapEscalated", count(gap.escalated)) : ""].filter(Boolean).join(" · ");
      const examples = document.createElement("ul");
      examples.className = "examples";
      for (const text of gap.examples.filter((example) => example !== gap.label)) {
        const example = document.createElement("li");
        example.dir = "auto";
        example.textContent = text;
        examples.append(example);
      }
      const draft = document.createElement("button");
      draft.type = "button";
      draft.className = "ghost small";
      draft.textContent = t("draftFaq");
      draft.setAttribute("aria-label", t("draftNamed", gap.label));
      draft.addEventListener("click", () => this.draftFaq(gap));
      item.append(label, meta, examples, draft);
      return item;
    });
    $("gaps").replaceChildren(...items);
    $("gaps-empty").hidden = items.length > 0;
  }
}
