"""The Reports page and the gap-to-FAQ flow, on the generated month recorded in the served
database (tests/insights_month.py: the figures are worked out there)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from entrypoints.container import create_container
from entrypoints.lifecycle import close_resources, open_resources
from entrypoints.settings import Settings
from tests.browser.desk import Dashboard
from tests.insights_month import month_sessions

AgentAccount = Callable[[str], tuple[str, str]]


async def record_month(database_url: str) -> None:
    settings = Settings(_env_file=None, storage="auto", database_url=database_url,  # type: ignore[call-arg]
                        secret_key="browser-tests-secret-" * 3, log_level="WARNING")
    container = create_container(settings)
    await open_resources(container)
    try:
        for session in month_sessions():
            async with container.uow_factory()() as uow:
                uow.add(session)
                await uow.commit()
    finally:
        await close_resources(container)


@pytest.fixture(scope="package")
def month(pasokh: str, served_dir: Path) -> None:
    # on a thread of its own: Playwright's sync API keeps an event loop on this one
    url = f"sqlite:///{served_dir / 'browser.db'}"
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, record_month(url)).result()


def open_reports(page: Page, pasokh: str, account: tuple[str, str]) -> None:
    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(*account)
    desk.logged_in()
    page.get_by_role("button", name="Reports").click()
    page.get_by_label("From").fill("2026-03-01")
    page.get_by_label("To", exact=True).fill("2026-03-30")
    page.get_by_role("button", name="Show").click()


def figure(page: Page, key: str) -> str:
    return page.locator(f'.kpi[data-figure="{key}"] dd').inner_text()


def test_the_reports_page_shows_the_month_in_both_languages(
        page: Page, pasokh: str, agent_account: AgentAccount, month: None,
        snapshot: Callable[[str], None]) -> None:
    open_reports(page, pasokh, agent_account("nika"))

    expect(page.locator('.kpi[data-figure="kConversations"] dd')).to_have_text("182")
    assert figure(page, "kAutomation") == "82.4%"
    assert figure(page, "kFaq") == "42.5%"
    assert figure(page, "kCsat") == "4.2 of 5 (25 ratings)"
    assert figure(page, "kWait") == "120 / 300"
    assert page.locator("#chart-daily rect").count() == 60  # 30 days, two bars each
    reasons = page.locator("#chart-reasons text.label")
    expect(reasons).to_have_text(["A keyword", "AI unsure", "Asked for a person", "AI failed"])
    first_gap = page.locator("#gaps li.gap").first
    expect(first_gap.locator(".gap-label")).to_have_text("refund")
    payment = page.locator("#gaps li.gap").filter(has_text="My payment failed")
    expect(payment.locator(".meta")).to_have_text("asked 15 times · 15 went to a person")
    snapshot("english")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download gaps (CSV)").click()
    download = downloading.value
    assert download.suggested_filename == "pasokh-gaps-2026-03-01-2026-03-31.csv"
    saved = Path(download.path()).read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and "My payment failed,15,15" in saved.decode()
    order = page.locator("#gaps li.gap").filter(has_text="Where is my order 123?")
    expect(order.locator(".meta")).to_have_text("asked once · 1 went to a person")
    payment.scroll_into_view_if_needed()
    snapshot("english-gaps")

    page.get_by_role("button", name="فارسی").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('.kpi[data-figure="kConversations"] dd')).to_have_text("۱۸۲")
    expect(page.locator("#chart-reasons text.label").first).to_have_text("کلیدواژه")
    page.emulate_media(media="print")
    snapshot("persian-print")
    expect(page.get_by_role("button", name="چاپ")).to_be_hidden()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="English").click()


def test_a_gap_becomes_a_draft_faq_with_what_it_would_answer(
        page: Page, pasokh: str, agent_account: AgentAccount, month: None,
        snapshot: Callable[[str], None]) -> None:
    open_reports(page, pasokh, agent_account("nika"))

    page.get_by_role("button", name="Draft an FAQ for “Can I pay with bitcoin?”").click()

    expect(page.get_by_label("Question", exact=True)).to_have_value("Can I pay with bitcoin?")
    expect(page.get_by_label("Keywords (comma separated)")).to_have_value("pay, bitcoin")
    answer = page.get_by_label("Answer", exact=True)
    expect(answer).to_be_focused()
    answer.fill("Not yet: cards and bank transfers only.")
    page.get_by_role("button", name="What would it answer?").click()
    expect(page.locator("#what-if-result")).to_have_text(
        "Of 212 questions, it would answer 30: 30 had no FAQ answer, 0 had another FAQ's.")
    expect(page.locator("#what-if-examples li")).to_have_text(["Can I pay with bitcoin?"])
    snapshot("what-if")

    page.get_by_role("button", name="Save").click()
    expect(page.locator("#faq-rows")).to_contain_text("Can I pay with bitcoin?")
