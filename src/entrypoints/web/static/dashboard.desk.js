// The chats tab: the agents' socket, the live queue, the active chats, one conversation.
import { describeReason, duration, t } from "./dashboard.i18n.js";
import { renderConversation } from "./dashboard.conversation.js";
import { ContextPanel } from "./dashboard.context.js";
import { AvailabilitySwitch } from "./dashboard.availability.js";
import { names, shown } from "./dashboard.names.js";
import { TransferPanel } from "./dashboard.transfer.js";

const $ = (id) => document.getElementById(id);
const TYPING_EVERY_MS = 2500;
const VISITOR_TYPING_MS = 4000;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Desk {
  constructor(app) {
    this.app = app;
    this.socket = null;
    this.stopped = true;
    this.attempt = 0;
    this.me = null;
    this.queue = [];
    this.active = [];
    this.seen = new Set();
    this.fresh = new Set();
    this.conversations = new Map();
    this.openKey = null;
    this.lastTyping = 0;
    this.typingTimer = null;
    this.visitorTyping = false;
    this.context = new ContextPanel(app);
    this.availability = new AvailabilitySwitch((frame) => this.send(frame));
    this.transfer = new TransferPanel(this);
    setInterval(() => this.tick(), 1000);
    $("join").addEventListener("click", () => this.send({ type: "join", session_key: this.openKey }));
    $("close").addEventListener("click", () => this.send({ type: "close", session_key: this.openKey }));
    $("composer").addEventListener("submit", (event) => { event.preventDefault(); this.reply(); });
    $("reply").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); this.reply(); }
    });
    $("reply").addEventListener("input", () => this.typing());
    $("note-mode").addEventListener("change", () => {
      $("composer").classList.toggle("noting", $("note-mode").checked);
      $("reply").placeholder = t($("note-mode").checked ? "noteHint" : "replyHint");
      $("reply").focus();
    });
  }

  start(token) {
    this.token = token;
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000);
    this.socket = null;
    this.queue = []; this.active = []; this.seen.clear(); this.conversations.clear(); this.openKey = null;
    this.context.clear();
    this.availability.hide();
    this.render();
  }

  /** Each connection asks for a single-use ticket first: the access token never goes in a URL. */
  async connect() {
    this.status("connecting");
    let ticket;
    try {
      const response = await this.app.api("/chat/api/auth/ticket/", { method: "POST" });
      if (!response.ok) throw new Error(`ticket: ${response.status}`);
      ticket = (await response.json()).ticket;
    } catch (error) {
      if (this.stopped || !this.app.token) return;
      this.retryLater();
      return;
    }
    if (this.stopped) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/ws/admin/chat/?ticket=${encodeURIComponent(ticket)}`);
    this.socket = socket;
    socket.addEventListener("open", () => { this.attempt = 0; this.status("online"); this.resendPending(); });
    socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket || this.stopped) return;
      if (event.code === 4401) { this.app.logout(t("expired")); return; }
      this.retryLater();
    });
  }

  retryLater() {
    const seconds = Math.min(30, 2 ** this.attempt++);
    this.status("reconnecting", seconds);
    this.retryTimer = setTimeout(() => this.connect(), seconds * 1000);
  }

  /** The connection state in the top bar: "connecting", "online" or "reconnecting". */
  status(state, ...args) {
    this.connState = [state, ...args];
    const conn = $("conn");
    conn.hidden = false;
    conn.textContent = t(state, ...args);
    conn.classList.toggle("online", state === "online");
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  conversation(key) {
    if (!this.conversations.has(key)) {
      this.conversations.set(key, { status: null, agent: null, reason: null, rating: null, messages: new Map(), notes: new Map(), pending: new Map() });
    }
    return this.conversations.get(key);
  }

  receive(frame) {
    switch (frame.type) {
      case "snapshot":
        this.me = frame.agent;
        this.app.signedIn(frame.agent, frame.role || "agent");
        $("me").hidden = false;
        this.setQueue(frame.queue, false);
        this.active = frame.active_chats;
        this.availability.auto = frame.assignment === "auto";
        this.availability.show(frame.availability || "online", false);
        if (this.openKey) this.send({ type: "history", session_key: this.openKey });
        this.learnNames();
        break;
      case "availability": this.app.announce(this.availability.show(frame.status, true)); return;
      case "presence":
        if (!names.has(frame.agent)) this.learnNames();
        this.app.presenceChanged?.(frame.agent, frame.status);
        return;
      case "queue": this.setQueue(frame.queue, true); break;
      case "active_chats": this.active = frame.active_chats; break;
      case "joined": case "history": case "assigned": this.loaded(frame); break;
      case "message": this.message(frame.session_key, frame.message); break;
      case "typing": this.typed(frame.session_key); return;
      case "status": {
        const conv = this.conversation(frame.session_key);
        conv.status = frame.status;
        conv.agent = frame.agent ?? conv.agent;
        if (frame.session_key === this.openKey && frame.status === "closed") this.app.announce(t("chatClosed"));
        break;
      }
      case "transferred": this.transferred(frame); break;
      case "feedback": {  // the visitor's word on a bot message, shown on that message
        const shown = this.conversations.get(frame.session_key)?.messages.get(frame.seq);
        if (!shown) return;
        shown.helpful = frame.helpful;
        break;
      }
      case "rating": this.conversation(frame.session_key).rating = frame.rating; break;
      case "error": this.error(frame); return;
      default: return;
    }
    this.render();
  }

  setQueue(queue, announce) {
    const added = queue.filter((entry) => !this.seen.has(entry.session_key));
    for (const entry of added) { this.seen.add(entry.session_key); if (announce) this.fresh.add(entry.session_key); }
    this.queue = queue;
    // a flood's entries (marked by the server, listed last) are neither counted nor announced
    if (announce && added.some((entry) => !entry.flood)) this.app.announce(t("newInQueue", this.waiting()));
    const first = announce && added.find((entry) => !entry.flood);
    if (first) this.app.alerts.raise(t("notifyQueue"), first.last_message || describeReason(first.reason), "pasokh-queue");
  }

  /** The team's display names, so agents read each other's names, not usernames. */
  learnNames() {
    this.transfer.colleagues().then(() => this.render(), () => {});
  }

  /** A conversation went from one agent to another, or back to the queue (ADR 0047). */
  transferred(frame) {
    const key = frame.session_key;
    const conv = this.conversation(key);
    conv.agent = frame.to;
    conv.status = frame.to ? "with_agent" : "queued";
    const name = (username) => shown(username) || t("someone");
    if (frame.to === this.me && frame.from !== this.me) {
      this.send({ type: "history", session_key: key });  // now ours: all of it, then live
      this.app.announce(t("transferredToYou", name(frame.by === this.me ? frame.from : frame.by)));
    } else if (frame.from === this.me || frame.by === this.me) {
      this.app.announce(frame.to ? t("transferredAway", name(frame.to)) : t("returnedToQueue"));
    }
  }

  loaded(frame) {
    const conv = this.conversation(frame.session_key);
    conv.status = frame.status;
    conv.agent = frame.agent ?? conv.agent;
    conv.reason = frame.reason ?? conv.reason;
    conv.rating = frame.rating ?? conv.rating;
    for (const message of frame.messages) {
      // a note has no seq of its own (it carries the one of the message it follows)
      if (message.sender === "note") conv.notes.set(message.id, message);
      else conv.messages.set(message.seq, message);
    }
    if (frame.type === "joined" && frame.agent === this.me) {
      this.open(frame.session_key, false);
      this.app.announce(t("joinedChat"));
      setTimeout(() => $("reply").focus(), 0);
    }
    if (frame.type === "assigned" && frame.agent === this.me) {
      // given by automatic assignment: it opens only if the agent is not in another one
      if (!this.openKey || !this.isMine(this.openKey)) this.open(frame.session_key, false);
      this.app.announce(t("assignedChat"));
    }
  }

  message(key, message) {
    const conv = this.conversation(key);
    if (message.sender === "note") { conv.notes.set(message.id, message); return; }
    conv.messages.set(message.seq, message);
    if (message.client_id) conv.pending.delete(message.client_id);
    if (message.sender === "user") {
      if (key === this.openKey) this.setVisitorTyping(false);
      else this.app.announce(t("newMessage", message.text));
      this.app.alerts.raise(t("notifyMessage"), message.text, `pasokh-${key}`);
    }
  }

  typed(key) {
    if (key !== this.openKey) return;
    this.setVisitorTyping(true);
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.setVisitorTyping(false), VISITOR_TYPING_MS);
  }

  setVisitorTyping(on) {
    this.visitorTyping = on;
    $("typing").textContent = on ? t("visitorTyping") : "";
  }

  error(frame) {
    const box = $("conv-error");
    const code = frame.code;
    const known = ["already_assigned", "too_many_chats", "forbidden", "closed", "not_found", "agent_offline"];
    const about = frame.frame_type === "transfer" && ["too_many_chats", "not_found"].includes(code) ? "transfer_" : "";
    box.textContent = known.includes(code) ? t(`err_${about}${code}`) : t(code === "invalid" ? "err_invalid" : "err_other", frame.message || code);
    box.hidden = false;
  }

  open(key, moveFocus = true) {
    if (this.openKey !== key) { this.setVisitorTyping(false); $("conv-error").hidden = true; }
    this.openKey = key;
    this.fresh.delete(key);
    const conv = this.conversation(key);
    if (!conv.messages.size) this.send({ type: "history", session_key: key });
    this.context.show(key);
    this.render();
    if (moveFocus) $("conv-title").focus();
  }

  reply() {
    const box = $("reply");
    const text = box.value.trim();
    if (!text || !this.openKey || !this.isMine(this.openKey)) return;
    if ($("note-mode").checked) {  // for the agents only; it comes back as a "note" message
      this.send({ type: "note", session_key: this.openKey, text });
      box.value = "";
      return;
    }
    const clientId = crypto.randomUUID();
    this.conversation(this.openKey).pending.set(clientId, text);
    this.send({ type: "message", session_key: this.openKey, text, client_id: clientId });
    box.value = "";
    this.render();
  }

  resendPending() {
    for (const [key, conv] of this.conversations) {
      for (const [clientId, text] of conv.pending) this.send({ type: "message", session_key: key, text, client_id: clientId });
    }
  }

  typing() {
    const now = Date.now();
    if (!this.openKey || !this.isMine(this.openKey) || now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    this.send({ type: "typing", session_key: this.openKey });
  }

  holder(key) {
    const entry = this.active.find((chat) => chat.session_key === key);
    return entry ? entry.agent : null;
  }

  isMine(key) {
    const conv = this.conversations.get(key);
    return this.holder(key) === this.me && !(conv && conv.status === "closed");
  }

  tick() {
    for (const node of document.querySelectorAll("[data-since]")) {
      node.textContent = t("waiting", duration((Date.now() - Date.parse(node.dataset.since)) / 1000));
    }
  }

  /** Conversations waiting, not counting those from a network over its escalation limit. */
  waiting() { return this.queue.filter((entry) => !entry.flood).length; }

  render() {
    this.app.setQueueCount(this.waiting());
    this.availability.render();
    if (this.me) $("me").textContent = t("signedInAs", this.me);
    if (this.connState && !this.stopped) this.status(...this.connState);
    this.renderList($("queue"), this.queue, (entry, button) => {
      const top = el("span", "row");
      top.append(el("span", "pos", t("position", entry.position)), el("span", "chip", describeReason(entry.reason)));
      const wait = el("span", "wait");
      wait.dataset.since = entry.enqueued_at;
      top.append(wait);
      const last = el("span", "last", entry.last_message || "");
      // what the visitor wants (the handoff summary), between the place and their last words
      const summary = entry.summary ? [el("span", "summary-line", entry.summary)] : [];
      for (const line of summary) line.title = t("summaryHint");
      if (entry.flood) {
        const chip = el("span", "chip flood", t("flood"));
        chip.title = t("floodHint");
        const line = el("span", "row");
        line.append(chip, last);
        button.classList.add("flood");
        button.append(top, ...summary, line);
      } else {
        button.append(top, ...summary, last);
      }
      if (this.fresh.has(entry.session_key) && !entry.flood) button.classList.add("fresh");
    });
    this.renderList($("active"), this.active, (chat, button) => {
      const top = el("span", "row");
      const mine = chat.agent === this.me;
      top.append(el("span", "key", chat.session_key.slice(0, 8)),
        el("span", mine ? "chip mine" : "chip", mine ? t("mine") : t("heldBy", shown(chat.agent))));
      button.append(top, el("span", "last", chat.last_message || ""));
    });
    $("queue-count").textContent = String(this.queue.length);
    $("active-count").textContent = String(this.active.length);
    $("queue-empty").hidden = this.queue.length > 0;
    $("active-empty").hidden = this.active.length > 0;
    this.tick();
    renderConversation(this);
    this.context.render();
  }

  renderList(list, entries, fill) {
    const focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    list.replaceChildren();
    for (const entry of entries) {
      const item = el("li");
      const button = el("button", "item");
      button.type = "button";
      button.dataset.key = entry.session_key;
      if (entry.session_key === this.openKey) button.setAttribute("aria-current", "true");
      fill(entry, button);
      button.addEventListener("click", () => this.open(entry.session_key));
      item.append(button);
      list.append(item);
      if (focused === entry.session_key) button.focus();
    }
  }
}
