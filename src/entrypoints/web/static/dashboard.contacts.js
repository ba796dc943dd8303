// Visitors who left a way to reach them (mostly while nobody could answer): the desk's
// "Left a contact" list, from GET /chat/api/admin/contacts/, refreshed every half minute.
import { lang } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
const EVERY_MS = 30000;
const TEXTS = {
  en: { title: "Left a contact", empty: "No visitor has left a contact.", offline: "while offline", anonymous: "Visitor" },
  fa: { title: "اطلاعات تماس گذاشته‌اند", empty: "هنوز کسی اطلاعات تماس نگذاشته است.", offline: "در ساعات غیرکاری", anonymous: "بازدیدکننده" },
};

export class ContactList {
  constructor(app) {
    this.app = app;
    this.contacts = [];
    this.timer = 0;
  }

  start() {
    this.stop();
    this.load();
    this.timer = setInterval(() => this.load(), EVERY_MS);
  }

  stop() { clearInterval(this.timer); }

  async load() {
    const response = await this.app.api("/chat/api/admin/contacts/").catch(() => null);
    if (!response || !response.ok) return;
    this.contacts = await response.json();
    this.render();
  }

  render() {
    const words = TEXTS[lang()] || TEXTS.en;
    const when = new Intl.DateTimeFormat(lang() === "fa" ? "fa-IR" : "en-GB", { dateStyle: "short", timeStyle: "short" });
    $("contacts-label").textContent = words.title;
    $("contacts-empty").textContent = words.empty;
    $("contacts-count").textContent = String(this.contacts.length);
    $("contacts-empty").hidden = this.contacts.length > 0;
    $("contacts").replaceChildren(...this.contacts.map((contact) => {
      const item = document.createElement("li");
      item.className = "contact";
      const who = document.createElement("p");
      who.dir = "auto";
      who.textContent = contact.name || words.anonymous;
      const reach = document.createElement("p");
      reach.dir = "ltr";
      reach.className = "reach";
      reach.textContent = [contact.email, contact.phone].filter(Boolean).join(" · ");
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = [when.format(new Date(contact.left_at)), contact.offline ? words.offline : ""].filter(Boolean).join(" · ");
      item.append(who, reach, meta);
      return item;
    }));
  }
}
