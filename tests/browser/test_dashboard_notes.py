"""An agent writes an internal note in the desk: it shows among the messages, marked as a
note; the visitor's widget never shows it."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.desk import Dashboard
from tests.browser.test_dashboard_chat import visitor_escalates

AgentAccount = Callable[[str], tuple[str, str]]
NOTE = "Refund already promised by phone"


def test_a_note_shows_to_the_agent_and_never_in_the_widget(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    question = f"I want to talk to a human {secrets.token_hex(2)}"
    visitor, widget = visitor_escalates(browser, pasokh, question)
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    desk.queued(question).click()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(desk.reply_box).to_be_focused()

    page.get_by_label("Internal note").check()
    expect(desk.reply_box).to_be_focused()
    page.keyboard.type(NOTE)
    page.keyboard.press("Enter")
    note = desk.messages.locator(".msg.from-note")
    expect(note.locator(".text")).to_have_text(NOTE)
    expect(note.locator(".who")).to_have_text("Note · You · only agents see this")
    page.get_by_label("Internal note").uncheck()
    desk.reply("We are on it.")
    expect(widget.stored("agent").locator(".bubble")).to_have_text(["We are on it."])
    snapshot("note-in-desk")

    visitor.reload()
    expect(visitor.get_by_text("We are on it.")).to_be_visible()
    expect(visitor.get_by_text(NOTE)).to_have_count(0)
    visitor.context.close()
