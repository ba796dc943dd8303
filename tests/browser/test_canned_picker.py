"""Saved replies: an admin writes them in the desk; in the reply box "/" and a few letters
list them, arrows choose, Enter inserts, Escape closes; the visitor gets the reply."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.desk import Dashboard
from tests.browser.test_dashboard_chat import visitor_escalates

AgentAccount = Callable[[str], tuple[str, str]]


def add_reply(page: Page, shortcut: str, text: str) -> None:
    page.get_by_role("button", name="New quick reply").click()
    expect(page.get_by_label("Shortcut (typed after /)")).to_be_focused()
    page.keyboard.type(shortcut)
    page.keyboard.press("Tab")
    page.keyboard.type(text)
    page.get_by_role("button", name="Save").click()


def test_an_agent_picks_a_saved_reply_from_the_keyboard(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    tag = secrets.token_hex(2)  # the served database is shared by the package's tests
    hours, help_ = f"hours{tag}", f"help{tag}"
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    page.get_by_role("button", name="Quick replies").click()
    expect(page.get_by_role("heading", name="Quick replies")).to_be_focused()

    add_reply(page, "two words", "Hello")
    expect(page.locator("#reply-error")).to_contain_text("shortcut")
    expect(page.get_by_label("Shortcut (typed after /)")).to_be_focused()
    page.get_by_role("button", name="Cancel").click()
    add_reply(page, hours, "We are open from 9 to 17, Saturday to Wednesday.")
    expect(page.locator("#replies-status")).to_contain_text(f"Saved /\u2068{hours}")
    add_reply(page, help_, "How can I help you today?")
    add_reply(page, f"سلام{tag}", "سلام! چطور می‌توانم کمکتان کنم؟")
    expect(page.locator("#reply-rows tr").filter(has_text=tag)).to_have_count(3)
    snapshot("saved-replies")

    visitor, widget = visitor_escalates(browser, pasokh, f"I want to talk to a human {tag}")
    page.get_by_role("button", name="Chats").click()
    desk.queued(f"I want to talk to a human {tag}").click()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(desk.reply_box).to_be_focused()

    picker = page.get_by_role("listbox", name="Quick replies")
    page.keyboard.type("/h")
    expect(picker).to_be_visible()
    page.keyboard.type("o")
    expect(picker.get_by_role("option").filter(has_text=tag)).to_have_count(1)
    page.keyboard.press("Backspace")
    page.keyboard.type(f"elp{tag}")
    options = picker.get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(desk.reply_box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(picker).to_be_hidden()
    expect(desk.reply_box).to_have_value(f"/help{tag}")  # Escape kept the text, sent nothing

    desk.reply_box.fill("")
    page.keyboard.type("/")
    expect(options.filter(has_text=tag)).to_have_count(3)
    page.keyboard.type("h")
    chosen = options.filter(has_text=hours)
    while chosen.get_attribute("aria-selected") != "true":
        page.keyboard.press("ArrowDown")
    snapshot("picker-open")
    page.keyboard.press("Enter")
    expect(picker).to_be_hidden()
    expect(desk.reply_box).to_have_value("We are open from 9 to 17, Saturday to Wednesday.")
    page.keyboard.press("Enter")  # now Enter sends, as always
    expect(desk.bubble("agent").last).to_have_text(
        "We are open from 9 to 17, Saturday to Wednesday.")
    expect(widget.stored("agent").locator(".bubble").last).to_have_text(
        "We are open from 9 to 17, Saturday to Wednesday.")

    page.get_by_role("button", name="فارسی").click()
    page.get_by_role("button", name="پاسخ‌های آماده").click()
    expect(page.locator("#reply-rows .shortcut-cell").filter(has_text=f"سلام{tag}")).to_have_text(
        f"/سلام{tag}")
    snapshot("saved-replies-persian")
    page.get_by_role("button", name="گفتگوها").click()
    reply_box = page.locator("#reply")  # its label is in Persian now
    reply_box.focus()
    page.keyboard.type("/سل")
    expect(page.get_by_role("listbox", name="پاسخ‌های آماده").get_by_role("option")
           .filter(has_text=tag)).to_have_count(1)
    snapshot("picker-persian")
    expect(page.get_by_role("listbox", name="پاسخ‌های آماده").get_by_role("option")
           .filter(has_text=tag).first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(reply_box).to_have_value("سلام! چطور می‌توانم کمکتان کنم؟")
    visitor.context.close()
