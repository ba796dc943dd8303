// The Reports tab: a period, the figures of GET /chat/api/admin/stats/ as cards and SVG
// charts, the content gaps, CSV downloads and printing.
import { columns, rows } from "./dashboard.charts.js";
import { lang, t } from "./dashboard.i18n.js";
import { GapList } from "./dashboard.gaps.js";

const $ = (id) => document.getElementById(id);
const DAY_MS = 86_400_000;

const isoDay = (date) => date.toISOString().slice(0, 10);
const locale = () => (lang() === "fa" ? "fa-IR" : "en-GB");
const number = (value) => (value === null || value === undefined ? t("none") : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value));
const percent = (value) => (value === null || value === undefined ? t("none") : new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(value));
const dayName = (iso) => new Intl.DateTimeFormat(locale(), { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const longDay = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

/** "keyword" -> "A keyword"; a kind this desk does not know shows as it is. */
function kindName(kind) {
  const name = t(`kind_${kind}`);
  return name === `kind_${kind}` ? kind : name;
}

export class ReportsPage {
  constructor(app, draftFaq) {
    this.app = app;
    this.stats = null;
    this.gaps = new GapList(app, draftFaq);
    this.lastDays(30);
    $("report-period").addEventListener("submit", (event) => { event.preventDefault(); this.load(); });
    for (const button of document.querySelectorAll("[data-days]")) {
      button.addEventListener("click", () => { this.lastDays(Number(button.dataset.days)); this.load(); });
    }
    $("report-csv").addEventListener("click", () => this.download("stats"));
    $("gaps-csv").addEventListener("click", () => this.download("gaps"));
    $("report-print").addEventListener("click", () => window.print());
  }

  lastDays(days) {
    const today = new Date();
    $("report-until").value = isoDay(today);
    $("report-since").value = isoDay(new Date(today.getTime() - (days - 1) * DAY_MS));
  }

  /** The chosen days as the API's [since, until): the end day is included whole. */
  period() {
    const since = $("report-since").value, until = $("report-until").value;
    if (!since || !until || since > until) return null;
    const end = new Date(new Date(`${until}T00:00:00Z`).getTime() + DAY_MS);
    return new URLSearchParams({ since: `${since}T00:00:00Z`, until: end.toISOString() });
  }

  async load() {
    const period = this.period();
    const error = $("report-error");
    error.hidden = true;
    if (!period) { error.textContent = t("badPeriod"); error.hidden = false; return; }
    let response;
    try {
      response = await this.app.api(`/chat/api/admin/stats/?${period}`);
    } catch (failure) {
      if (failure.message !== "unauthorized") { error.textContent = t("reportError", t("offline")); error.hidden = false; }
      return;
    }
    if (!response.ok) { error.textContent = t("reportError", response.status); error.hidden = false; return; }
    this.stats = await response.json();
    this.render();
    await this.gaps.load(period);
  }

  render() {
    this.gaps.render();
    const stats = this.stats;
    if (!stats) return;
    const rtl = lang() === "fa";
    const days = stats.by_day;
    $("report-period-text").textContent = days.length ? t("periodText", longDay(days[0].date), longDay(days[days.length - 1].date)) : "";
    this.cards(stats);
    $("chart-daily").replaceChildren(columns({
      label: t("chartDaily"), rtl, format: number, names: days.map((d) => dayName(d.date)),
      series: [
        { name: t("sConversations"), values: days.map((d) => d.conversations), className: "bar" },
        { name: t("sEscalations"), values: days.map((d) => d.escalations), className: "bar alt" },
      ],
    }));
    const reasons = Object.entries(stats.escalations);
    $("chart-reasons").replaceChildren(reasons.length
      ? rows({ label: t("chartReasons"), rtl, format: number, items: reasons.map(([kind, n]) => ({ label: kindName(kind), value: n, className: "bar alt" })) })
      : Object.assign(document.createElement("p"), { className: "empty", textContent: t("noEscalations") }));
    $("chart-shares").replaceChildren(rows({
      label: t("chartShares"), rtl, format: percent, max: 1, items: [
        { label: t("shareFaq"), value: stats.faq_answer_rate },
        { label: t("shareAi"), value: stats.ai_answer_rate, className: "bar ai" },
        { label: t("sharePerson"), value: stats.person_rate, className: "bar alt" },
      ],
    }));
    $("chart-times").replaceChildren(rows({
      label: t("chartTimes"), rtl, format: number, items: [
        { label: t("waitP50"), value: stats.wait_seconds.p50 }, { label: t("waitP90"), value: stats.wait_seconds.p90 },
        { label: t("firstP50"), value: stats.first_response_seconds.p50, className: "bar ai" },
        { label: t("firstP90"), value: stats.first_response_seconds.p90, className: "bar ai" },
      ],
    }));
  }

  cards(stats) {
    const pair = (p) => `${number(p.p50)} / ${number(p.p90)}`;
    const figures = [
      ["kConversations", number(stats.conversations)], ["kAutomation", percent(stats.automation_rate)],
      ["kFaq", percent(stats.faq_answer_rate)], ["kAi", percent(stats.ai_answer_rate)],
      ["kHelpful", percent(stats.helpful_rate)],
      ["kCsat", stats.csat.count ? t("csatOf", number(stats.csat.average), number(stats.csat.count)) : t("none")],
      ["kWait", pair(stats.wait_seconds)], ["kFirst", pair(stats.first_response_seconds)],
    ];
    $("report-kpis").replaceChildren(...figures.map(([key, value]) => {
      const card = document.createElement("div");
      card.className = "kpi";
      card.dataset.figure = key;
      const term = document.createElement("dt");
      term.textContent = t(key);
      const detail = document.createElement("dd");
      detail.textContent = value;
      card.append(term, detail);
      return card;
    }));
  }

  async download(kind) {
    const period = this.period();
    if (!period) return;
    const response = await this.app.api(`/chat/api/admin/${kind}/csv/?${period}`);
    if (!response.ok) return;
    const disposition = response.headers.get("Content-Disposition") || "";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = (disposition.match(/filename="([^"]+)"/) || [])[1] || `pasokh-${kind}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}
