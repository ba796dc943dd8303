// The support desk: sign in, then the chats (live over the agents' socket) and the FAQs.
import { applyLanguage, lang, setLanguage, t } from "./dashboard.i18n.js";
import { ContactList } from "./dashboard.contacts.js";
import { Desk } from "./dashboard.desk.js";
import { FaqPage } from "./dashboard.faqs.js";
import { ReportsPage } from "./dashboard.reports.js";
import { CannedPicker } from "./dashboard.canned.js";
import { RepliesPage } from "./dashboard.replies.js";
import { TeamPage } from "./dashboard.team.js";
import { WhatIfPanel } from "./dashboard.whatif.js";
import { Alerts } from "./dashboard.notify.js";

const TOKEN = "pasokh-desk:token";
const $ = (id) => document.getElementById(id);

const app = {
  token: sessionStorage.getItem(TOKEN),
  queueCount: 0,
  me: null,
  /** The desk's socket says who signed in and as what; an agent's desk hides admin work. */
  signedIn(username, role) {
    app.me = username;
    document.body.dataset.role = role;
  },
  announce(text) {
    const announcer = $("announcer");
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50);
  },
  setQueueCount(count) {
    app.queueCount = count;
    const badge = $("queue-badge");
    badge.textContent = String(count);
    badge.hidden = count === 0;
    badge.setAttribute("aria-label", t("newInQueue", count));
    app.updateTitle();
  },
  /** The title counts the visitors waiting; in a background tab, what came since it went
   * there (new queue entries, visitors' messages in your conversations: dashboard.notify.js). */
  updateTitle() {
    const count = (app.alerts && app.alerts.unseen) || app.queueCount;
    document.title = (count ? `(${count}) ` : "") + t("title");
  },
  /** Fetch with the bearer token; a 401 sends the agent back to the login form. */
  async api(path, options = {}) {
    const headers = { "Content-Type": "application/json", ...(options.headers || {}) };
    if (app.token) headers.Authorization = `Bearer ${app.token}`;
    const response = await fetch(path, { ...options, headers });
    if (response.status === 401 && app.token) {
      app.logout(t("expired"));
      throw new Error("unauthorized");
    }
    return response;
  },
  logout(message) {
    sessionStorage.removeItem(TOKEN);
    app.token = null;
    desk.stop();
    contacts.stop();
    app.alerts.show(false);
    showLogin(message || "");
  },
};

app.presenceChanged = (agent, status) => team.presence(agent, status);
app.alerts = new Alerts(() => app.updateTitle());
const desk = new Desk(app);
const contacts = new ContactList(app);
const faqs = new FaqPage(app);
const reports = new ReportsPage(app, draftFaq);
const team = new TeamPage(app);
const picker = new CannedPicker(app, $("reply"));
const replies = new RepliesPage(app, picker);
const whatIf = new WhatIfPanel(app, () => faqs.editing, () => reports.period());

/** A content gap becomes a new FAQ in the form, its question and keywords filled in. */
function draftFaq(gap) {
  showTab("faqs", false);
  faqs.edit(null);
  $("faq-question").value = gap.label;
  $("faq-keywords").value = gap.keywords.join(", ");
  $("faq-status").textContent = t("drafted", gap.label);
  $("faq-answer").focus();
}

function showLogin(message) {
  $("login-view").hidden = false;
  for (const id of ["chats-view", "faqs-view", "reports-view", "team-view", "replies-view", "logout", "me", "conn"]) $(id).hidden = true;
  delete document.body.dataset.role;
  document.querySelector(".tabs").hidden = true;
  const error = $("login-error");
  error.textContent = message;
  error.hidden = !message;
  app.setQueueCount(0);
  $("password").value = "";
  $("username").focus();
}

function showDesk() {
  $("login-view").hidden = true;
  $("logout").hidden = false;
  document.querySelector(".tabs").hidden = false;
  showTab("chats", false);
  desk.start(app.token);
  app.alerts.show(true);
  picker.load();
  contacts.start();
}

function showTab(name, moveFocus = true) {
  $("chats-view").hidden = name !== "chats";
  $("faqs-view").hidden = name !== "faqs";
  $("reports-view").hidden = name !== "reports";
  $("team-view").hidden = name !== "team";
  $("replies-view").hidden = name !== "replies";
  for (const tab of document.querySelectorAll(".tab")) {
    if (tab.dataset.tab === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  if (name === "faqs") { faqs.load(); whatIf.clear(); }
  if (name === "reports") reports.load();
  if (name === "team") team.load();
  if (name === "replies") replies.load();
  if (moveFocus) $({ faqs: "faqs-title", reports: "reports-title", team: "team-title", replies: "replies-title" }[name] || "queue-title").focus();
}

async function signIn(event) {
  event.preventDefault();
  const username = $("username").value.trim();
  const password = $("password").value;
  const error = $("login-error");
  if (!username || !password) { error.textContent = t("fillBoth"); error.hidden = false; return; }
  let response;
  try {
    response = await fetch("/chat/api/auth/login/", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    error.textContent = t("offline"); error.hidden = false; return;
  }
  if (!response.ok) {
    error.textContent = t(response.status === 429 ? "tooMany" : response.status === 401 ? "wrongPassword" : "offline");
    error.hidden = false;
    $("password").select();
    return;
  }
  app.token = (await response.json()).access_token;
  sessionStorage.setItem(TOKEN, app.token);
  showDesk();
  $("queue-title").focus();
}

function start() {
  applyLanguage();
  app.updateTitle();
  $("login-form").addEventListener("submit", signIn);
  $("logout").addEventListener("click", () => app.logout(t("loggedOut")));
  $("lang").addEventListener("click", () => {
    setLanguage(lang() === "fa" ? "en" : "fa");
    app.updateTitle();
    desk.render();
    faqs.render();
    reports.render();
    team.render();
    replies.render();
    app.alerts.render();
    $("team-status").textContent = "";
    $("replies-status").textContent = "";
    contacts.render();
  });
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => showTab(tab.dataset.tab));
  }
  if (app.token) showDesk();
  else showLogin("");
}

start();
