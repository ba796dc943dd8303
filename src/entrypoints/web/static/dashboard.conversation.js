// The conversation pane: header, messages (text only, never HTML), pending replies, composer.
import { describeReason, lang, t } from "./dashboard.i18n.js";
import { shown } from "./dashboard.names.js";

const $ = (id) => document.getElementById(id);

function senderLabel(message, conv, me) {
  switch (message.sender) {
    case "user": return t("visitor");
    case "bot": return message.source ? `${t("bot")} · ${t(`src_${message.source}`)}` : t("bot");
    case "agent": {
      const writer = message.agent || conv.agent;  // who wrote it, whoever holds it now
      return writer && writer === me ? t("you") : (shown(writer) || t("agentSender"));
    }
    case "note": return t("noteBy", message.agent === me ? t("you") : shown(message.agent));
    default: return t("system");
  }
}

function clock(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return "";
  return time.toLocaleTimeString(lang() === "fa" ? "fa-IR" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}

// What the bot offered instead of answering, what an AI answer cites, what the visitor chose.
function notes(message) {
  const lines = [];
  const offers = Array.isArray(message.suggestions) ? message.suggestions : [];
  if (offers.length) lines.push(t("offered", offers.map((offer) => offer.question).join(" · ")));
  const cited = Array.isArray(message.citations) ? message.citations : [];
  if (cited.length) lines.push(t("cited", cited.join(", ")));
  if (message.sender === "user" && message.faq_id) lines.push(t("chose", message.faq_id));
  if (message.sender === "bot" && typeof message.helpful === "boolean") lines.push(t(message.helpful ? "helpfulYes" : "helpfulNo"));
  return lines;
}

function bubble(id, sender, who, text, when, extra = "", lines = []) {
  const item = document.createElement("li");
  item.dataset.id = id;
  item.className = `msg from-${sender} ${extra}`.trim();
  const head = document.createElement("span");
  head.className = "who";
  head.textContent = who;
  const body = document.createElement("p");
  body.className = "text";
  body.dir = "auto";
  body.textContent = text;
  const stamp = document.createElement("span");
  stamp.className = "when";
  stamp.textContent = when;
  item.append(head, body);
  for (const line of lines) {
    const note = document.createElement("p");
    note.className = "note-line";
    note.dir = "auto";
    note.textContent = line;
    item.append(note);
  }
  item.append(stamp);
  return item;
}

function statusText(desk, key, conv) {
  if (desk.queue.some((entry) => entry.session_key === key)) return t("statusQueued");
  if (conv.status === "closed") return t("statusClosed");
  const holder = desk.holder(key) || (conv.status === "with_agent" ? conv.agent : null);
  if (holder) return holder === desk.me ? t("statusMine") : t("statusWithAgent", shown(holder));
  return t("statusBot");
}

export function renderConversation(desk) {
  const key = desk.openKey;
  $("conv-placeholder").hidden = Boolean(key);
  $("conv").hidden = !key;
  if (!key) return;
  const conv = desk.conversation(key);
  const entry = desk.queue.find((item) => item.session_key === key);
  const reason = conv.reason || (entry && entry.reason);
  $("conv-title").textContent = t("conversation", key.slice(0, 8));
  const meta = [statusText(desk, key, conv)];
  if (reason) meta.push(t("reason", describeReason(reason)));
  // The comment is isolated (FSI ... PDI) so a Persian one keeps its quotes in an English line.
  if (conv.rating) meta.push(conv.rating.comment ? t("ratedWith", conv.rating.score, `\u2068${conv.rating.comment}\u2069`) : t("rated", conv.rating.score));
  $("conv-meta").textContent = meta.join(" · ");
  if (entry && entry.summary) conv.summary = entry.summary;  // kept once the entry leaves the queue
  const summary = conv.summary || desk.context.summaryOf(key);
  $("conv-summary").hidden = !summary;
  $("conv-summary-text").textContent = summary || "";
  const mine = desk.isMine(key);
  $("join").hidden = !entry;
  desk.transfer.render(key, conv);
  $("close").hidden = !mine;
  $("reply").disabled = !mine;
  document.querySelector("#composer button").disabled = !mine;
  $("composer").hidden = !mine;
  $("conv-closed").hidden = conv.status !== "closed";

  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  // each note after the message it followed when written (its seq), then by time
  const byPlace = (a, b) => a.seq - b.seq || (a.sender === "note") - (b.sender === "note") || a.created_at.localeCompare(b.created_at);
  const items = [...conv.messages.values(), ...conv.notes.values()].sort(byPlace)
    .map((message) => bubble(message.sender === "note" ? `${key}/n/${message.id}` : `${key}/${message.seq}${typeof message.helpful === "boolean" ? `/${message.helpful}` : ""}`, message.sender, senderLabel(message, conv, desk.me), message.text, clock(message.created_at), "", notes(message)));
  for (const [clientId, text] of conv.pending) items.push(bubble(`${key}/p/${clientId}`, "agent", t("you"), text, t("sending"), "pending"));
  // Append what is new, so the live log announces only new messages; rebuild otherwise
  // (a message's id changes with the visitor's feedback on it, so that shows too).
  const shown = [...list.children].map((node) => node.dataset.id);
  const same = list.dataset.lang === lang() && shown.every((id, i) => items[i] && items[i].dataset.id === id);
  if (same) list.append(...items.slice(shown.length));
  else list.replaceChildren(...items);
  list.dataset.lang = lang();
  if (atBottom || !same) list.scrollTop = list.scrollHeight;
  $("typing").textContent = desk.visitorTyping ? t("visitorTyping") : "";
}
