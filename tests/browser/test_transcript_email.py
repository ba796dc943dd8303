"""A Persian visitor out of hours leaves an email and has the conversation mailed, against a
real server that mails through a real SMTP server (aiosmtpd) in the test process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.server import served_pasokh
from tests.browser.widget import TRACK_SOCKETS, Widget
from tests.integration.mail.smtp_server import Inbox, smtp_server

DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ASK_PERSON_FA = "می‌خواهم با یک کارشناس گفتگو کنم"


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, inbox: Inbox) -> Iterator[str]:
    closed_today = DAY_NAMES[(datetime.now(ZoneInfo("Asia/Tehran")) + timedelta(days=2)).weekday()]
    with served_pasokh(tmp_path_factory.mktemp("served-mail"), {
            "CHAT_BUSINESS_HOURS": f"{closed_today} 09:00-17:00", "SMTP_URL": inbox.url,
            "SMTP_FROM": "Clinic <desk@clinic.example>",
            "CHAT_NOTIFY_EMAIL": "team@clinic.example"}) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fa-IR",
                                  timezone_id="Asia/Tehran")
    context.add_init_script(TRACK_SOCKETS)
    page = context.new_page()
    yield page
    context.close()


def arrived(inbox: Inbox, count: int) -> None:
    deadline = time.monotonic() + 10
    while len(inbox.mails) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(inbox.mails) == count, [m["Subject"] for m in inbox.mails]


def test_a_visitor_who_left_an_email_has_the_conversation_mailed(
        page: Page, served: str, inbox: Inbox) -> None:
    page.goto(f"{served}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask(ASK_PERSON_FA)
    contact = widget.host.get_by_role("region", name="گذاشتن اطلاعات تماس")
    contact.get_by_label("نام (اختیاری)").fill("سارا")
    contact.get_by_label("ایمیل").fill("sara@example.com")
    contact.get_by_role("button", name="ارسال اطلاعات تماس").click()
    expect(contact.locator(".contact-thanks")).to_be_visible()
    arrived(inbox, 1)  # the team hears of the contact left offline
    assert inbox.recipients[0] == ["team@clinic.example"]
    assert inbox.mails[0]["Subject"] == "New contact: سارا"

    mail_me = widget.host.get_by_role("button", name="فرستادن این گفتگو به ایمیل من")
    mail_me.click()
    expect(widget.host.locator(".mail-status")).to_have_text("به sara@example.com فرستاده شد")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "transcript-email-persian.png", animations="disabled")
    arrived(inbox, 2)
    mail = inbox.mails[1]
    assert inbox.recipients[1] == ["sara@example.com"]
    assert mail["Subject"] == "متن گفتگوی شما با ما"
    assert f"] شما: {ASK_PERSON_FA}" in mail.get_content()
