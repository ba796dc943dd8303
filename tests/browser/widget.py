"""The widget as a visitor sees it: a page object over its (open) shadow root."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from playwright.sync_api import Locator, Page, expect

SEEDED: list[dict[str, Any]] = json.loads(
    resources.files("entrypoints.seed").joinpath("clinic_faqs.json").read_text("utf-8"))

# Keeps every WebSocket the page opens and every frame sent, so a test can cut the line
# like a network would and see what the widget sent.
TRACK_SOCKETS = """
(() => {
  const Native = window.WebSocket;
  const sockets = [];
  const sent = [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); sockets.push(this); }
    send(data) { sent.push(JSON.parse(data)); super.send(data); }
  };
  window.__sockets = { all: sockets, sent, open: () => sockets.filter((s) => s.readyState === 1) };
})();
"""


def answer_to(question: str) -> str:
    answer: str = next(faq["answer"] for faq in SEEDED if faq["question"] == question)
    return answer


class Widget:
    def __init__(self, page: Page, open_label: str = "Open chat") -> None:
        self.page = page
        self.host = page.locator("pasokh-chat")
        self.launcher = self.host.locator("button.launcher")
        self.open_label = open_label
        self.panel = self.host.get_by_role("dialog")
        self.input = self.host.locator(".composer textarea")
        self.log = self.host.get_by_role("log")
        self.pending = self.host.locator(".pending .msg")

    def open(self) -> None:
        if not self.panel.is_visible():
            self.host.get_by_role("button", name=self.open_label).click()
        expect(self.panel).to_be_visible()

    def ask(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def stored(self, sender: str = "") -> Locator:
        return self.host.locator(f".stored .msg{'.from-' + sender if sender else ''}")

    def bubbles(self, sender: str = "") -> list[str]:
        return self.stored(sender).locator(".bubble").all_text_contents()

    def answer(self, text: str) -> Locator:
        """The stored bot message with exactly this text (waits for it)."""
        message = self.stored("bot").filter(
            has=self.page.locator(".bubble").get_by_text(text, exact=True))
        expect(message).to_have_count(1)
        return message

    def push_frame(self, frame: dict[str, Any]) -> None:
        """Deliver a server frame the server does not send yet, as if it had."""
        self.page.evaluate(
            """frame => window.__sockets.open().forEach((s) => s.dispatchEvent(
                 new MessageEvent('message', { data: JSON.stringify(frame) })))""", frame)

    def drop_connection(self) -> None:
        self.page.evaluate("() => window.__sockets.all.forEach((s) => s.close(4000))")

    def drop_connection_at_next_message(self, *, delivered: bool) -> None:
        """Cut the line as the next message goes out: after it reached the server (its
        echo is lost) or before (the message itself is lost)."""
        self.page.evaluate("""delivered => {
            const socket = window.__sockets.open()[0];
            const send = socket.send.bind(socket);
            socket.send = (data) => {
                if (JSON.parse(data).type !== 'message') return send(data);
                if (delivered) send(data); else window.__sockets.sent.push(JSON.parse(data));
                socket.close(4000);
            };
        }""", delivered)

    def sent_messages(self) -> list[dict[str, Any]]:
        frames: list[dict[str, Any]] = self.page.evaluate(
            "() => window.__sockets.sent.filter((f) => f.type === 'message')")
        return frames
