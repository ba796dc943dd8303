// The team tab (admins only): the accounts, adding one, a role changed, an account disabled.
import { t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
const AGENTS = "/chat/api/admin/agents/";

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  td.dir = "auto";
  return td;
}

function button(label, aria, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "ghost small";
  node.textContent = label;
  if (aria) node.setAttribute("aria-label", aria);
  node.addEventListener("click", onClick);
  return node;
}

export class TeamPage {
  constructor(app) {
    this.app = app;
    this.accounts = [];
    $("team-new").addEventListener("click", () => this.showForm());
    $("team-cancel").addEventListener("click", () => this.hideForm());
    $("team-form").addEventListener("submit", (event) => { event.preventDefault(); this.add(); });
    $("team-form").addEventListener("keydown", (event) => { if (event.key === "Escape") this.hideForm(); });
  }

  /** A teammate's availability changed (the desk's socket says so): shown if listed. */
  presence(username, status) {
    const account = this.accounts.find((each) => each.username === username);
    if (!account || account.status === status) return;
    account.status = status;
    this.render();
  }

  async load() {
    const response = await this.app.api(AGENTS);
    if (response.ok) this.accounts = await response.json();
    this.render();
  }

  render() {
    const rows = this.accounts.map((account) => {
      const row = document.createElement("tr");
      if (!account.active) row.className = "inactive";
      const state = document.createElement("td");
      const chip = document.createElement("span");
      const status = account.active ? account.status : "disabled";
      chip.className = { online: "chip ok", away: "chip away" }[status] || "chip off";
      chip.textContent = t(account.active ? `presence_${status}` : "disabledChip");
      chip.dataset.status = status;
      state.append(chip);
      const actions = document.createElement("span");
      actions.className = "row-actions";
      const actionCell = document.createElement("td");
      actionCell.append(actions);
      if (account.username !== this.app.me) {
        const other = account.role === "admin" ? "agent" : "admin";
        actions.append(
          button(t(other === "admin" ? "makeAdmin" : "makeAgent"), null,
            () => this.change(account, { role: other })),
          button(t(account.active ? "disable" : "enable"),
            t(account.active ? "disableNamed" : "enableNamed", account.display_name),
            () => this.change(account, { active: !account.active })));
      }
      row.append(cell(account.display_name), cell(account.username),
        cell(t(account.role === "admin" ? "roleAdmin" : "roleAgent")), state, actionCell);
      return row;
    });
    $("team-rows").replaceChildren(...rows);
  }

  showForm() {
    $("team-form").hidden = false;
    $("team-error").hidden = true;
    $("team-username").focus();
  }

  hideForm() {
    $("team-form").reset();
    $("team-form").hidden = true;
    $("team-new").focus();
  }

  async add() {
    const body = {
      username: $("team-username").value.trim(), password: $("team-password").value,
      display_name: $("team-display-name").value.trim() || null, role: $("team-role").value,
    };
    const response = await this.app.api(AGENTS, { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) {
      const error = (await response.json()).error || {};
      $("team-error").textContent = response.status === 409 ? t("teamExists") : t("err_invalid", error.message || "");
      $("team-error").hidden = false;
      $("team-username").focus();
      return;
    }
    const added = await response.json();
    this.hideForm();
    this.say(t("teamAdded", added.display_name));
    await this.load();
  }

  async change(account, change) {
    const path = `${AGENTS}${encodeURIComponent(account.username)}/`;
    const response = await this.app.api(path, { method: "PATCH", body: JSON.stringify(change) });
    if (!response.ok) return;
    const changed = await response.json();
    if ("active" in change) this.say(t(changed.active ? "teamEnabled" : "teamDisabled", changed.display_name));
    else this.say(t("teamRoleChanged", changed.display_name, t(changed.role === "admin" ? "roleAdmin" : "roleAgent")));
    await this.load();
  }

  say(text) {
    $("team-status").textContent = text;
    this.app.announce(text);
  }
}
