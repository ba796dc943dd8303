"""Notifications in the desk: while it is in a background tab, a new queue entry and a
visitor's message in the agent's own conversation raise a browser notification (once
allowed), a short tone (unless muted, remembered) and a count in the title, cleared when
the tab is in sight again. The page's visibility is overridden by an init script, and
window.Notification and the tone's oscillators are wrapped to record what was raised."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import SCREENSHOTS, STEP_MS
from tests.browser.desk import Dashboard
from tests.browser.test_dashboard_chat import visitor_escalates

AgentAccount = Callable[[str], tuple[str, str]]
TITLE = "Pasokh — Support desk"

RECORDER = """
(() => {
  let hidden = false;
  Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
  Object.defineProperty(Document.prototype, "visibilityState", {
    configurable: true, get: () => (hidden ? "hidden" : "visible") });
  window.__setHidden = (on) => {
    hidden = on;
    document.dispatchEvent(new Event("visibilitychange"));
  };
  const Native = window.Notification;
  window.__notifications = [];
  function Recorded(title, options = {}) {
    window.__notifications.push({ title, body: options.body, lang: options.lang });
    return new Native(title, options);
  }
  Recorded.requestPermission = (...args) => Native.requestPermission(...args);
  Object.defineProperty(Recorded, "permission", { get: () => Native.permission });
  window.Notification = Recorded;
  window.__tones = 0;
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__tones += 1;
    return createOscillator.call(this);
  };
})();
"""


@pytest.fixture
def allowed(browser: Browser) -> Iterator[BrowserContext]:
    """A desk's browser where the agent allowed notifications."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(STEP_MS)
    context.grant_permissions(["notifications"])
    context.add_init_script(RECORDER)
    yield context
    context.close()


def raised(page: Page) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = page.evaluate("window.__notifications")
    return notes


def until(check: Callable[[], bool]) -> None:
    """Polls from the test (the desk's CSP forbids the string predicates of
    wait_for_function)."""
    deadline = time.monotonic() + STEP_MS / 1000
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def in_sight(page: Page) -> str:
    """The title of a desk in sight: the visitors waiting (other tests' too), as ever."""
    badge = page.locator("#queue-badge")
    return f"({badge.text_content()}) {TITLE}" if badge.is_visible() else TITLE


def tones(page: Page) -> int:
    count: int = page.evaluate("window.__tones")
    return count


def test_a_background_desk_notifies_sounds_and_counts_until_it_is_in_sight(
        allowed: BrowserContext, browser: Browser, pasokh: str,
        agent_account: AgentAccount) -> None:
    page = allowed.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*agent_account("sara"))
    desk.logged_in()
    expect(page.locator("#notify-state")).to_have_text("Notifications on")
    expect(page.get_by_role("button", name="Turn on notifications")).to_be_hidden()
    page.evaluate("window.__setHidden(true)")
    problem = f"I want to talk to a human {secrets.token_hex(2)}"
    visitor, widget = visitor_escalates(browser, pasokh, problem)
    expect(page).to_have_title(f"(1) {TITLE}")
    until(lambda: len(raised(page)) == 1)
    assert raised(page) == [{"title": "A visitor is waiting", "body": problem, "lang": "en"}]
    assert tones(page) == 2  # two short notes
    page.screenshot(path=SCREENSHOTS / "notify-background-queue.png")

    page.evaluate("window.__setHidden(false)")
    expect(page).to_have_title(in_sight(page))
    desk.queued(problem).click()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(desk.reply_box).to_be_focused()

    page.evaluate("window.__setHidden(true)")
    widget.ask("Are you there?")
    expect(page).to_have_title(f"(1) {TITLE}")
    widget.ask("Hello?")
    expect(page).to_have_title(f"(2) {TITLE}")
    assert [n["title"] for n in raised(page)][1:] == ["New message from a visitor"] * 2
    assert [n["body"] for n in raised(page)][1:] == ["Are you there?", "Hello?"]
    assert tones(page) == 6
    page.evaluate("window.__setHidden(false)")
    expect(page).to_have_title(in_sight(page))  # cleared

    widget.ask("A message seen at once")  # in sight: no notification, no tone, no count
    expect(desk.bubble("user").last).to_have_text("A message seen at once")
    assert len(raised(page)) == 3 and tones(page) == 6
    expect(page).to_have_title(in_sight(page))

    page.get_by_role("button", name="Sound: on").click()
    expect(page.get_by_role("button", name="Sound: off")).to_have_attribute("aria-pressed",
                                                                             "true")
    page.reload()
    desk.logged_in()
    expect(page.get_by_role("button", name="Sound: off")).to_be_visible()  # remembered
    page.evaluate("window.__setHidden(true)")
    widget.ask("Quietly now")
    expect(page).to_have_title(f"(1) {TITLE}")
    assert [n["body"] for n in raised(page)] == ["Quietly now"]
    assert tones(page) == 0  # muted: the notification and the count, no sound
    page.evaluate("window.__setHidden(false)")
    page.screenshot(path=SCREENSHOTS / "notify-muted.png")
    visitor.context.close()
    assert not errors, errors


def test_the_agent_is_asked_once_and_notified_in_persian(
        browser: Browser, pasokh: str, agent_account: AgentAccount) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fa-IR")
    context.set_default_timeout(STEP_MS)
    context.add_init_script(RECORDER)
    context.add_init_script("localStorage.setItem('pasokh-desk:lang', 'fa')")
    try:
        page = context.new_page()
        desk = Dashboard(page)
        desk.open(pasokh)
        username, password = agent_account("sara")
        page.get_by_label("نام کاربری", exact=True).fill(username)
        page.get_by_label("گذرواژه", exact=True).fill(password)
        page.get_by_role("button", name="ورود").click()
        expect(page.locator("#conn")).to_have_text("متصل")
        ask = page.get_by_role("button", name="روشن کردن اعلان‌ها")
        expect(ask).to_be_visible()  # not allowed yet: the desk asks
        page.screenshot(path=SCREENSHOTS / "notify-ask-fa.png")
        page.evaluate("window.__setHidden(true)")
        problem = f"مشکل پرداخت دارم {secrets.token_hex(2)}"
        visitor, _ = visitor_escalates(browser, pasokh, problem)
        expect(page).to_have_title("(1) پاسخ — میز پشتیبانی")
        assert raised(page) == []  # not allowed: no notification, the title and tone only
        until(lambda: tones(page) == 2)

        context.grant_permissions(["notifications"])
        page.evaluate("window.__setHidden(false)")
        ask.click()
        expect(page.locator("#notify-state")).to_have_text("اعلان‌ها روشن است")
        expect(ask).to_be_hidden()
        page.evaluate("window.__setHidden(true)")
        other = f"با یک کارشناس صحبت کنم {secrets.token_hex(2)}"
        second, _ = visitor_escalates(browser, pasokh, other)
        until(lambda: len(raised(page)) == 1)
        assert raised(page) == [{"title": "بازدیدکننده‌ای منتظر است", "body": other,
                                 "lang": "fa"}]
        page.evaluate("window.__setHidden(false)")
        page.screenshot(path=SCREENSHOTS / "notify-on-fa.png")
        visitor.context.close()
        second.context.close()
    finally:
        context.close()
