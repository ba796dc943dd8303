// Alerts while the desk is in a background tab (document.hidden): a new queue entry, or a
// visitor's message in one of this agent's conversations, raises a browser notification
// (once the agent allowed them), a short tone made with the Web Audio API (unless muted,
// remembered in localStorage) and a count in the tab title, cleared when the tab shows.
import { lang, t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);
const MUTED = "pasokh-desk:muted";

export class Alerts {
  constructor(onCount) {
    this.onCount = onCount;
    this.unseen = 0;
    this.audio = null;
    document.addEventListener("visibilitychange", () => { if (!document.hidden) this.clear(); });
    // Browsers let a page make sound only after a gesture on it: the first one prepares the tone.
    for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, () => this.prepareSound(), { capture: true });
    $("notify-allow").addEventListener("click", () => this.ask());
    $("mute").addEventListener("click", () => {
      localStorage.setItem(MUTED, this.muted ? "0" : "1");
      this.render();
    });
  }

  get muted() { return localStorage.getItem(MUTED) === "1"; }

  get permission() { return "Notification" in window ? Notification.permission : "denied"; }

  async ask() {
    if ("Notification" in window && Notification.permission === "default") await Notification.requestPermission();
    this.render();
  }

  show(on) {
    $("alerts").hidden = !on;
    if (!on) this.clear();
    this.render();
  }

  /** Something needs the agent: told only while the desk is not in sight. */
  raise(title, body, tag) {
    if (!document.hidden) return;
    this.unseen += 1;
    this.onCount();
    if (this.permission === "granted") {
      try {
        const note = new Notification(title, { body, tag, lang: lang(), dir: lang() === "fa" ? "rtl" : "ltr" });
        note.onclick = () => { window.focus(); note.close(); };
      } catch { /* a browser that only notifies from a service worker: the title and tone remain */ }
    }
    if (!this.muted) this.tone();
  }

  clear() {
    if (!this.unseen) return;
    this.unseen = 0;
    this.onCount();
  }

  prepareSound() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!this.audio) this.audio = new Context();
    if (this.audio.state === "suspended") this.audio.resume().catch(() => {});
    return this.audio;
  }

  /** Two short soft notes, a quarter of a second in all. */
  tone() {
    const audio = this.prepareSound();
    if (!audio) return;
    const start = audio.currentTime;
    for (const [offset, pitch] of [[0, 660], [0.12, 880]]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = pitch;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.12);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.13);
    }
  }

  render() {
    const permission = this.permission;
    $("notify-allow").hidden = permission !== "default";
    $("notify-state").textContent = permission === "granted" ? t("notifyOn") : permission === "denied" ? t("notifyBlocked") : "";
    const mute = $("mute");
    mute.textContent = t(this.muted ? "soundOff" : "soundOn");
    mute.setAttribute("aria-pressed", String(this.muted));
  }
}
