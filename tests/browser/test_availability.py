"""The agent's availability switch with automatic assignment: away, a visitor waits in the
queue; back to available, the conversation is given to the agent and opens on the desk; the
admin's team list follows the agent's status live; the switch speaks Persian, right to left,
and the choice is kept when the desk is opened again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.desk import Dashboard, create_agent
from tests.browser.server import served_pasokh
from tests.browser.test_queue_flood import escalate


@pytest.fixture(scope="module")
def auto_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("auto")


@pytest.fixture(scope="module")
def auto(auto_dir: Path) -> Iterator[str]:
    with served_pasokh(auto_dir, {"CHAT_ASSIGNMENT": "auto"}) as base:
        yield base


def test_away_keeps_visitors_waiting_and_available_gives_them_to_the_agent(
        page: Page, browser: Browser, auto: str, auto_dir: Path,
        snapshot: Callable[[str], None]) -> None:
    omid = create_agent(auto_dir, "omid")
    desk = Dashboard(page)
    desk.open(auto)
    desk.log_in(*omid)
    desk.logged_in()
    switch = page.get_by_label("My availability")
    expect(switch).to_have_value("online")
    expect(page.locator("#availability-box")).to_have_attribute(
        "title", "Conversations are handed out automatically.")
    switch.select_option("away")
    expect(page.locator("#availability-box")).to_have_attribute("data-status", "away")
    expect(page.locator("#announcer")).to_have_text(
        "You are away: no conversation will be given to you.")

    with browser.new_context(locale="en-US") as other:
        admin_page = other.new_page()
        admin = Dashboard(admin_page)
        admin.open(auto)
        admin.log_in(*create_agent(auto_dir, "sara"))
        admin.logged_in()
        admin_page.get_by_label("My availability").select_option("away")  # sara takes none
        expect(admin_page.locator("#availability-box")).to_have_attribute("data-status", "away")

        escalate(auto, "I want to talk to a human")
        expect(desk.queue.locator(".item")).to_have_count(1)  # nobody available: it waits
        admin_page.get_by_role("button", name="Team").click()
        row = admin_page.locator("#team-rows tr").filter(has_text=omid[0])
        expect(row.locator(".chip")).to_have_text("Away")
        snapshot("omid-away-visitor-waiting")

        switch.select_option("online")
        expect(desk.bubble("user").first).to_have_text("I want to talk to a human")
        expect(desk.queue.locator(".item")).to_have_count(0)
        expect(desk.active.locator(".chip.mine")).to_have_count(1)
        expect(page.locator("#announcer")).to_have_text("A conversation was given to you.")
        expect(row.locator(".chip")).to_have_text("Online")  # told live, no reload
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        admin_page.screenshot(path=SCREENSHOTS / "availability-team-list.png")
        snapshot("omid-given-the-conversation")

    page.get_by_role("button", name="فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_label("وضعیت من")).to_have_value("online")
    expect(page.locator("#availability option[value=away]")).to_have_text("دور از میز")
    page.get_by_label("وضعیت من").select_option("away")
    expect(page.locator("#announcer")).to_have_text(
        "دور از میز هستید: گفتگویی به شما سپرده نمی‌شود.")
    snapshot("persian-away")

    page.reload()
    expect(page.get_by_label("وضعیت من")).to_have_value("away")  # kept for the next desk
