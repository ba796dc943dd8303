"""Outside the business hours, in a real browser against a real server: the visitor who asks
for a person is told when the team is back (Jalali weekday names in Persian) and leaves a
phone number in Persian digits through a form that reads right to left."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.desk import Dashboard, create_agent
from tests.browser.server import served_pasokh
from tests.browser.widget import TRACK_SOCKETS, Widget

TEHRAN = ZoneInfo("Asia/Tehran")
DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # Python's weekday order
JALALI = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]
ASK_PERSON_FA = "می‌خواهم با یک کارشناس گفتگو کنم"


@pytest.fixture(scope="module")
def open_day() -> datetime:
    """The only day the team works: the day after tomorrow in Tehran, so closed now."""
    return datetime.now(TEHRAN) + timedelta(days=2)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, open_day: datetime
           ) -> Iterator[tuple[str, object]]:
    workdir = tmp_path_factory.mktemp("served-hours")
    hours = f"{DAY_NAMES[open_day.weekday()]} 09:00-17:00"
    with served_pasokh(workdir, {"CHAT_BUSINESS_HOURS": hours}) as base:
        yield base, workdir


@pytest.fixture
def tehran_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fa-IR",
                                  timezone_id="Asia/Tehran")
    context.add_init_script(TRACK_SOCKETS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", animations="disabled")
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"contact-form-{name}.png", animations="disabled")


def test_a_persian_visitor_out_of_hours_learns_when_the_team_is_back_and_leaves_a_phone(
        tehran_page: Page, served: tuple[str, object], open_day: datetime,
        browser: Browser) -> None:
    base, workdir = served
    page = tehran_page
    page.goto(f"{base}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask(ASK_PERSON_FA)
    contact = widget.host.get_by_role("region", name="گذاشتن اطلاعات تماس")
    expect(contact).to_be_visible()
    expect(contact.locator(".contact-intro")).to_contain_text(
        f"{JALALI[open_day.weekday()]} ساعت ۰۹:۰۰ برمی‌گردند")
    expect(contact).to_have_css("direction", "rtl")

    name = contact.get_by_label("نام (اختیاری)")
    phone = contact.get_by_label("شماره تلفن")
    name.fill("سارا احمدی")
    phone.fill("۰۹۱۲")
    contact.get_by_role("button", name="ارسال اطلاعات تماس").click()
    error = contact.locator("#pasokh-contact-phone-error")
    expect(error).to_have_text("لطفاً شماره تلفن درست وارد کنید (۷ تا ۱۵ رقم).")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_value("۰۹۱۲")  # what was typed is kept
    expect(name).to_have_value("سارا احمدی")
    # Right to left: labels start at the right edge of the form, the button too.
    form = contact.locator(".contact-form").bounding_box()
    label = contact.locator("label").first.bounding_box()
    button = contact.get_by_role("button", name="ارسال اطلاعات تماس").bounding_box()
    assert form and label and button
    assert abs((label["x"] + label["width"]) - (form["x"] + form["width"])) < 2
    assert label["x"] > form["x"] + form["width"] / 2
    assert button["x"] + button["width"] > form["x"] + form["width"] - 2
    shot(page, "persian-refused")

    phone.fill("۰۹۱۲ ۳۴۵ ۶۷۸۹")
    contact.get_by_role("button", name="ارسال اطلاعات تماس").click()
    expect(contact.locator(".contact-thanks")).to_have_text(
        "سپاسگزاریم! به‌زودی با شما تماس می‌گیریم.")
    sent = page.evaluate("() => window.__sockets.sent.filter((f) => f.type === 'contact')")
    assert sent == [{"type": "contact", "name": "سارا احمدی", "phone": "۰۹۱۲ ۳۴۵ ۶۷۸۹"}]
    shot(page, "persian-thanks")

    username, password = create_agent(workdir, "sara")  # type: ignore[arg-type]
    token = page.request.post(f"{base}/chat/api/auth/login/", data={
        "username": username, "password": password}).json()["access_token"]
    listed = page.request.get(f"{base}/chat/api/admin/contacts/",
                              headers={"Authorization": f"Bearer {token}"}).json()
    assert [(c["name"], c["phone"], c["offline"]) for c in listed] == [
        ("سارا احمدی", "09123456789", True)]

    desk_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    desk_page = desk_context.new_page()
    dashboard = Dashboard(desk_page)
    dashboard.open(base)
    dashboard.log_in(username, password)
    dashboard.logged_in()
    listed_item = desk_page.locator("#contacts li")
    expect(listed_item).to_have_count(1)
    expect(listed_item).to_contain_text("سارا احمدی")
    expect(listed_item).to_contain_text("09123456789")
    expect(listed_item).to_contain_text("while offline")
    desk_page.screenshot(path=SCREENSHOTS / "contact-form-desk-list.png", animations="disabled")
    desk_context.close()

    page.reload()  # left already: a reload thanks instead of asking again
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    expect(widget.host.locator(".contact-thanks")).to_be_visible()


def test_an_english_visitor_whose_details_the_server_refuses_keeps_what_they_typed(
        tehran_page: Page, served: tuple[str, object]) -> None:
    base, _ = served
    page = tehran_page
    page.goto(f"{base}/")
    widget = Widget(page)
    widget.open()
    widget.ask("I want to talk to a human")
    contact = widget.host.get_by_role("region", name="Leave your details")
    expect(contact).to_be_visible()
    expect(contact).to_have_css("direction", "ltr")
    contact.get_by_role("button", name="Send my details").click()
    expect(contact.locator("#pasokh-contact-email-error")).to_have_text(
        "Please enter an email or a phone number.")
    email = contact.get_by_label("Email")
    email.fill("sara@example")
    contact.get_by_role("button", name="Send my details").click()
    expect(contact.locator("#pasokh-contact-email-error")).to_have_text(
        "Please enter a valid email address.")
    email.fill("sara@example.com")
    widget.push_frame({"type": "error", "code": "invalid", "frame_type": "contact",
                       "message": "phone: the phone number must have 7 to 15 digits"})
    expect(contact.locator("#pasokh-contact-phone-error")).to_have_text(
        "Please enter a valid phone number (7 to 15 digits).")
    expect(email).to_have_value("sara@example.com")
    shot(page, "english-refused")
    contact.get_by_role("button", name="Send my details").click()
    expect(contact.locator(".contact-thanks")).to_be_visible()


