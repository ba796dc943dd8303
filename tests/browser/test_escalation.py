"""Going to a person: the queued state, the agent typing, the end of a conversation.

Agents' `typing` frames and `with_agent` / `closed` statuses come once agents chat over
their socket; until then these tests hand the widget those frames (and a later `queue`
frame) on its real socket, exactly as the contract shapes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.widget import Widget

ESCALATED = "I've passed your conversation to our support team."
DRAFT = "a draft the visitor has not sent"


def session_key(page: Page) -> str | None:
    key: str | None = page.evaluate("""() => (Object.entries(localStorage)
        .find(([name]) => name.startsWith('pasokh:') && name.endsWith(':session')) || [])[1]""")
    return key


def test_asking_for_a_person_shows_the_handover_and_the_queue(page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()

    widget.ask("I want to talk to a human please")

    system = widget.stored("system")
    expect(system).to_have_count(1)
    expect(system.locator(".bubble")).to_contain_text(ESCALATED)
    status_bar = widget.host.locator(".bar-queued")
    expect(status_bar).to_have_text(
        re.compile(r"^Waiting for a person · You are number \d+ in the queue"))
    expect(widget.host.locator("header .status")).to_have_text("Waiting for a person")

    # The queue moves, and the server has an estimate now.
    widget.push_frame({"type": "queue", "position": 2, "estimated_wait_seconds": 180})
    expect(status_bar).to_have_text(
        "Waiting for a person · You are number 2 in the queue · about 3 minutes")

    widget.push_frame({"type": "status", "status": "with_agent", "agent": "Sara"})
    widget.push_frame({"type": "typing", "sender": "agent"})
    expect(widget.host.locator(".typing")).to_have_text("Sara is typing…")
    expect(widget.host.locator(".bar-with_agent")).to_have_text("You are chatting with Sara")

    # While the panel is closed, the agent's reply raises a badge on the launcher.
    widget.launcher.click()
    expect(widget.panel).to_be_hidden()
    widget.push_frame({"type": "message", "message": {
        "id": "m-sara", "seq": 99, "sender": "agent", "text": "Hello, I'm Sara. How can I help?",
        "source": "agent", "faq_id": None, "created_at": "2026-01-01T10:00:00Z",
        "client_id": None}})
    expect(widget.host.locator(".badge")).to_have_text("1")
    expect(widget.launcher).to_have_accessible_name("Open chat (1 new)")
    widget.open()
    reply = widget.stored("agent")
    expect(reply.locator(".who")).to_have_text("Sara")
    expect(reply.locator(".bubble")).to_have_text("Hello, I'm Sara. How can I help?")
    expect(widget.host.locator(".typing")).to_be_hidden()
    expect(widget.host.locator(".badge")).to_be_hidden()


def test_a_closed_conversation_offers_a_new_one(
        page: Page, pasokh: str, snapshot: Callable[[str], None]) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask("hello")
    expect(widget.stored("bot")).to_have_count(1)
    first_key = session_key(page)
    widget.input.fill(DRAFT)

    widget.push_frame({"type": "status", "status": "closed", "agent": None})

    expect(widget.host.get_by_text("This conversation has ended.")).to_be_visible()
    expect(widget.input).to_be_disabled()
    expect(widget.input).to_have_value(DRAFT)
    snapshot("closed")
    restart = widget.host.get_by_role("button", name="Start a new conversation")
    restart.click()

    expect(widget.stored()).to_have_count(0)
    expect(widget.input).to_be_enabled()
    expect(widget.input).to_be_focused()
    widget.input.press("Enter")
    expect(widget.stored("user").locator(".bubble")).to_have_text(DRAFT)
    expect(widget.stored("bot")).to_have_count(1)
    assert session_key(page) not in (None, first_key)


def test_an_unknown_session_is_forgotten_and_a_new_one_starts(page: Page, pasokh: str) -> None:
    forgotten = "x" + "A" * 31  # well formed, but no such conversation
    page.goto(f"{pasokh}/")
    page.evaluate("([name, key]) => localStorage.setItem(name, key)",
                  [f"pasokh:{pasokh}/:session", forgotten])
    page.reload()
    widget = Widget(page)
    widget.open()
    page.wait_for_function("() => !Object.keys(localStorage).some((k) => k.endsWith(':session'))")

    widget.ask("What are your opening hours?")

    expect(widget.stored("bot")).to_have_count(1)
    assert session_key(page) not in (None, forgotten)
