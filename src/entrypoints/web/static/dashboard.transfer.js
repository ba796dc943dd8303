// Transfer and return (ADR 0047): in an open conversation its agent (or an admin) hands it
// to a colleague online, listed by display name, or puts it back at the head of the queue.
import { t } from "./dashboard.i18n.js";
import { learn } from "./dashboard.names.js";

const $ = (id) => document.getElementById(id);

export class TransferPanel {
  constructor(desk) {
    this.desk = desk;
    this.key = null;
    $("transfer").addEventListener("click", () => (this.key ? this.hide() : this.open()));
    $("transfer-cancel").addEventListener("click", () => { this.hide(); $("transfer").focus(); });
    $("transfer-queue").addEventListener("click", () => this.hand(null));
  }

  /** Admins read the team's list; agents, their colleagues (the same `status`). */
  async colleagues() {
    const path = document.body.dataset.role === "admin" ? "/chat/api/admin/agents/" : "/chat/api/admin/colleagues/";
    const response = await this.desk.app.api(path);
    if (!response.ok) return [];
    const team = await response.json();
    learn(team);
    return team.filter((person) => person.active !== false && person.status === "online");
  }

  async open() {
    const key = this.desk.openKey;
    this.key = key;
    $("transfer").setAttribute("aria-expanded", "true");
    $("transfer-panel").hidden = false;
    const list = $("transfer-list");
    list.replaceChildren();
    $("transfer-none").hidden = false;
    $("transfer-none").textContent = t("transferLoading");
    let online = [];
    try { online = await this.colleagues(); } catch { online = []; }
    if (this.key !== key) return;
    const holder = this.desk.holder(key);
    for (const person of online.filter((p) => p.username !== holder)) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "primary";
      button.dataset.username = person.username;
      button.textContent = person.display_name || person.username;
      button.dir = "auto";
      button.setAttribute("aria-label", t("transferToNamed", person.display_name || person.username));
      button.addEventListener("click", () => this.hand(person.username));
      item.append(button);
      list.append(item);
    }
    $("transfer-none").textContent = t("transferNone");
    $("transfer-none").hidden = list.children.length > 0;
    $("transfer-title").focus();
  }

  hand(to) {
    if (!this.key) return;
    this.desk.send({ type: "transfer", session_key: this.key, to });
    this.hide();
  }

  hide() {
    this.key = null;
    $("transfer-panel").hidden = true;
    $("transfer").setAttribute("aria-expanded", "false");
  }

  /** The control shows in a conversation its agent holds (or any held one, for an admin). */
  render(key, conv) {
    const holder = this.desk.holder(key);
    const admin = document.body.dataset.role === "admin";
    const open = conv.status !== "closed" && holder && (holder === this.desk.me || admin);
    $("transfer").hidden = !open;
    if (!open || (this.key && this.key !== key)) this.hide();
  }
}
