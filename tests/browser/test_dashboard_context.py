"""Opening a conversation in the desk shows what the visitor wants at the top and, beside it,
where they came from, their browser and system in words, and their earlier conversations,
each openable to read; in English and in Persian (right to left)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.desk import Dashboard
from tests.browser.widget import Widget, answer_to

AgentAccount = Callable[[str], tuple[str, str]]
OPENING = "What are your opening hours?"
SEARCH = "https://www.google.com/"


def returning_visitor_escalates(browser: Browser, base: str, text: str) -> Page:
    """A visitor asks the bot once, comes back later from a search to the pricing page,
    and asks for a person."""
    context = browser.new_context(viewport={"width": 1000, "height": 760}, locale="fa-IR")
    visitor = context.new_page()
    visitor.goto(f"{base}/")
    widget = Widget(visitor)
    widget.open()
    widget.ask(OPENING)
    widget.answer(answer_to(OPENING))
    visitor.evaluate("""() => Object.keys(localStorage)
        .filter((name) => name.startsWith('pasokh:') && name.endsWith(':session'))
        .forEach((name) => localStorage.removeItem(name))""")
    visitor.goto(f"{base}/?from=pricing", referer=SEARCH)
    widget = Widget(visitor)
    widget.open()
    widget.ask(text)
    expect(widget.host.locator(".bar-queued")).to_be_visible()
    return visitor


def test_the_agent_sees_where_the_visitor_came_from_and_what_they_asked_before(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    question = f"I want to talk to a human {secrets.token_hex(2)}"
    visitor = returning_visitor_escalates(browser, pasokh, question)
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    entry = desk.queued(question)
    expect(entry.locator(".summary-line")).to_have_text(f"[visitor_request] {question}")
    entry.click()

    expect(page.locator("#conv-summary")).to_have_text(
        f"What they want [visitor_request] {question}")
    panel = page.get_by_role("complementary", name="About the visitor")
    facts = panel.locator("#ctx-facts")
    expect(facts.locator("[data-fact=ctxPage]")).to_have_text(f"{pasokh}/?from=pricing")
    expect(facts.locator("[data-fact=ctxReferrer]")).to_have_text(SEARCH)
    expect(facts.locator("[data-fact=ctxLocale]")).to_have_text("fa-IR")
    expect(facts.locator("[data-fact=ctxBrowser]")).to_have_text(
        re.compile(r"^(Headless)?Chrome \d+ on Linux$"))
    earlier = page.locator("#ctx-earlier button")
    expect(earlier).to_have_count(1)
    expect(earlier).to_have_text(re.compile(r"^Conversation \S{8} · .+ · with the bot$"))
    snapshot("context")

    earlier.click()
    expect(page.locator("#ctx-past-title")).to_be_focused()
    past = page.locator("#ctx-past-messages .text")
    expect(past).to_have_text([OPENING, answer_to(OPENING)])
    snapshot("earlier-conversation")
    page.get_by_role("button", name="Back to the visitor").click()
    expect(page.locator("#context-title")).to_be_focused()

    page.locator("#lang").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("complementary", name="دربارهٔ بازدیدکننده")).to_be_visible()
    expect(page.locator("#conv-summary-label")).to_have_text("چه می‌خواهد")
    expect(earlier).to_have_text(re.compile(r"^گفت‌وگوی \S{8} · .+ · با ربات$"))
    snapshot("context-fa")
    visitor.context.close()
