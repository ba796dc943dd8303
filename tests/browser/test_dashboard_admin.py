"""The dashboard's sign-in and its FAQ page, against a real server."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from tests.browser.desk import Dashboard

AgentAccount = Callable[[str], tuple[str, str]]


def test_a_wrong_password_is_refused_with_a_message(
        page: Page, pasokh: str, agent_account: AgentAccount) -> None:
    username, password = agent_account("sara")
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(username, password + "-wrong")

    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator("#chats-view")).to_be_hidden()
    assert page.evaluate("() => sessionStorage.getItem('pasokh-desk:token')") is None


def test_an_expired_session_goes_back_to_the_login_form(
        page: Page, pasokh: str, agent_account: AgentAccount) -> None:
    page.goto(f"{pasokh}/admin/chat/")
    page.evaluate("() => sessionStorage.setItem('pasokh-desk:token', 'not-a-token')")
    page.reload()

    expect(page.get_by_role("alert")).to_have_text(
        "Your session has ended. Please sign in again.")
    expect(page.get_by_label("Username", exact=True)).to_be_focused()


def test_faqs_are_added_edited_and_deactivated(
        page: Page, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    page.get_by_role("button", name="FAQs").click()
    rows = page.locator("#faq-rows tr")
    expect(rows.first).to_be_visible()
    seeded = rows.count()

    page.get_by_role("button", name="New FAQ").click()
    question = page.get_by_label("Question", exact=True)
    expect(question).to_be_focused()
    page.get_by_label("Answer", exact=True).fill("Yes, behind the building.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#faq-question-error")).to_have_text("must not be empty")
    expect(question).to_have_attribute("aria-invalid", "true")
    expect(question).to_be_focused()
    expect(page.locator("#faq-error")).to_have_text("Please fix the field “Question”.")
    snapshot("validation")

    question.fill("Do you have <i>parking</i>?")
    page.get_by_label("Keywords (comma separated)").fill("parking, zebracar")
    page.get_by_label("Category", exact=True).fill("visits")
    page.get_by_role("button", name="Save").click()
    expect(rows).to_have_count(seeded + 1)
    expect(page.locator("#faq-status")).to_have_text("Saved. Do you have <i>parking</i>?")

    page.get_by_label("Search FAQs").fill("ZEBRACAR")
    expect(rows).to_have_count(1)
    expect(rows.locator("td").first).to_have_text("Do you have <i>parking</i>?")
    rows.get_by_role("button", name=re.compile("^Edit")).click()
    expect(question).to_have_value("Do you have <i>parking</i>?")
    page.get_by_label("Category", exact=True).fill("directions")
    page.get_by_role("button", name="Save").click()
    expect(rows.locator("td").nth(1)).to_have_text("directions")

    rows.get_by_role("button", name=re.compile("^Edit")).click()
    page.get_by_role("button", name="Deactivate").click()
    expect(rows.locator(".chip")).to_have_text("Inactive")
    # Visitors are no longer offered it; the dashboard still shows it, also after a reload.
    offered = [faq["question"] for faq in httpx.get(f"{pasokh}/chat/api/faqs/").json()]
    assert "Do you have <i>parking</i>?" not in offered and len(offered) == seeded
    page.reload()
    page.get_by_role("button", name="FAQs").click()
    expect(rows).to_have_count(seeded + 1)
    expect(rows.filter(has_text="<i>parking</i>").locator(".chip")).to_have_text("Inactive")


def test_a_dropped_socket_reconnects_and_the_language_sticks(
        page: Page, pasokh: str, agent_account: AgentAccount) -> None:
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    page.get_by_role("button", name="فارسی").click()
    conn = page.locator("#conn")
    expect(conn).to_have_text("متصل")

    page.evaluate("() => window.__sockets.open().forEach((s) => s.close(4000))")

    expect(conn).to_have_text("اتصال دوباره تا 1 ثانیه دیگر…")
    expect(conn).to_have_text("متصل")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.get_by_role("button", name="خروج")).to_be_visible()
    page.get_by_role("button", name="خروج").click()
    expect(page.get_by_role("alert")).to_have_text("از حساب خود خارج شدید.")
    expect(page.get_by_label("نام کاربری", exact=True)).to_be_focused()
