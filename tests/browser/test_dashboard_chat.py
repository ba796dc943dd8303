"""The agents' dashboard against a real server: a visitor's escalation, taken and answered."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.desk import Dashboard
from tests.browser.widget import Widget

PROBLEM = "مشکل با پرداخت دارم <b>فوری</b>"
AgentAccount = Callable[[str], tuple[str, str]]


def visitor_escalates(browser: Browser, base: str, text: str) -> tuple[Page, Widget]:
    context = browser.new_context(viewport={"width": 1000, "height": 760}, locale="en-US")
    visitor = context.new_page()
    visitor.goto(f"{base}/")
    widget = Widget(visitor)
    widget.open()
    widget.ask(text)
    expect(widget.host.locator(".bar-queued")).to_be_visible()
    return visitor, widget


def test_an_agent_takes_an_escalated_conversation_and_answers(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None], request: pytest.FixtureRequest) -> None:
    username, password = agent_account("sara")
    visitor, widget = visitor_escalates(browser, pasokh, PROBLEM)

    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(username, password)
    desk.logged_in()
    entry = desk.queued(PROBLEM)
    expect(entry).to_have_count(1)
    expect(entry.locator(".chip")).to_have_text("keyword: پرداخت")
    expect(entry.locator(".wait")).to_have_text(re.compile(r"^waiting \d+:\d\d$"))
    expect(page).to_have_title(re.compile(r"^\(\d+\) Pasokh — Support desk$"))
    expect(page.locator("#queue-badge")).to_be_visible()
    snapshot("queue")

    entry.click()
    expect(desk.meta).to_contain_text("Reason: keyword: پرداخت")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(desk.reply_box).to_be_focused()
    expect(entry).to_have_count(0)
    expect(desk.active.locator(".chip.mine")).to_have_count(1)
    # The whole conversation, the markup shown as text.
    expect(desk.bubble("user").first).to_have_text(PROBLEM)
    expect(desk.messages.locator("b")).to_have_count(0)
    expect(desk.bubble("system")).to_have_count(2)  # handed over, then the agent joined

    desk.reply_box.fill("سلام، من سارا هستم.")
    expect(widget.host.locator(".typing")).to_be_visible()
    desk.reply_box.press("Enter")
    expect(desk.bubble("agent")).to_have_text(["سلام، من سارا هستم."])
    expect(desk.messages.locator(".pending")).to_have_count(0)
    expect(widget.stored("agent").locator(".bubble")).to_have_text(["سلام، من سارا هستم."])

    widget.input.fill("Thanks, the card")
    expect(page.locator("#typing")).to_have_text("The visitor is typing…")
    widget.input.press("Enter")
    expect(desk.bubble("user").last).to_have_text("Thanks, the card")
    expect(page.locator("#typing")).to_have_text("")

    desk.reply_box.fill("Line one")
    desk.reply_box.press("Shift+Enter")
    desk.reply_box.type("line two")
    expect(desk.reply_box).to_have_value("Line one\nline two")
    desk.reply_box.press("Enter")
    expect(widget.stored("agent").locator(".bubble").last).to_have_text("Line one\nline two")

    snapshot("conversation")
    page.get_by_role("button", name="Close conversation").click()
    expect(widget.host.get_by_text("This conversation has ended.")).to_be_visible()
    expect(desk.meta).to_contain_text("closed")
    expect(page.locator("#conv-closed")).to_have_text("The conversation is closed.")
    expect(desk.reply_box).to_be_hidden()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visitor.screenshot(path=SCREENSHOTS / f"{request.node.name}-visitor.png")
    visitor.context.close()


def test_a_session_one_agent_joins_leaves_the_other_agents_queue(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount) -> None:
    first, second = agent_account("sara"), agent_account("reza")
    visitor, _ = visitor_escalates(browser, pasokh, "I want to talk to a human, order 7")
    other_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    other = Dashboard(other_context.new_page())
    desk = Dashboard(page)
    for dashboard, (username, password) in ((desk, first), (other, second)):
        dashboard.open(pasokh)
        dashboard.log_in(username, password)
        dashboard.logged_in()
    mine, theirs = desk.queued("I want to talk to a human, order 7"), other.queued(
        "I want to talk to a human, order 7")
    expect(mine.locator(".chip")).to_have_text("asked for a person")
    expect(theirs).to_have_count(1)
    # The first agent works in Persian: right to left, the reason in Persian.
    page.get_by_role("button", name="فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(mine.locator(".chip")).to_have_text("درخواست گفتگو با یک انسان")
    mine.click()
    expect(desk.meta).to_contain_text("در صف انتظار")

    theirs.click()
    other.page.get_by_role("button", name="Join", exact=True).click()

    expect(mine).to_have_count(0)
    expect(desk.active.locator("button.item").filter(has_text=second[0])).to_have_count(1)
    expect(desk.meta).to_contain_text(f"با {second[0]}")
    expect(page.get_by_role("button", name="پذیرفتن")).to_be_hidden()
    # A join that lost the race is answered with an error, shown in words.
    page.evaluate("""() => window.__sockets.open().forEach((s) => s.dispatchEvent(new MessageEvent(
        'message', { data: JSON.stringify({ type: 'error', code: 'already_assigned' }) })))""")
    expect(page.locator("#conv-error")).to_have_text("پشتیبان دیگری این گفتگو را پذیرفته است.")
    expect(theirs).to_have_count(0)
    expect(other.active.locator(".chip.mine")).to_have_count(1)
    other.page.screenshot(path=SCREENSHOTS / (
        "test_a_session_one_agent_joins_leaves_the_other_agents_queue-other.png"))
    other_context.close()
    visitor.context.close()


def test_the_desk_works_from_the_keyboard(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount) -> None:
    username, password = agent_account("sara")
    visitor, widget = visitor_escalates(browser, pasokh, "مشکل در لغو نوبت، keyboard")
    desk = Dashboard(page)
    desk.open(pasokh)
    expect(page.get_by_label("Username", exact=True)).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    desk.logged_in()
    expect(page.locator("#queue-title")).to_be_focused()

    entry = desk.queued("مشکل در لغو نوبت، keyboard")
    for _ in range(20):  # Tab through the queue to the entry
        page.keyboard.press("Tab")
        if entry.evaluate("(node) => node === document.activeElement"):
            break
    expect(entry).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#conv-title")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Join", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(desk.reply_box).to_be_focused()
    page.keyboard.type("Hello from the keyboard")
    page.keyboard.press("Enter")
    expect(widget.stored("agent").locator(".bubble")).to_have_text(["Hello from the keyboard"])
    expect(page.locator("#announcer")).to_have_text("You joined the conversation.")
    visitor.context.close()
