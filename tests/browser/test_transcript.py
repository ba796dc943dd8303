"""The visitor downloads their conversation as a text file from the widget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.widget import Widget, answer_to

HOURS_FA = "ساعات کاری کلینیک چیست؟"


def test_a_persian_visitor_downloads_the_conversation_with_persian_labels(
        page: Page, pasokh: str, snapshot: Callable[[str], None]) -> None:
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    link = widget.host.get_by_role("link", name="دریافت متن این گفتگو")
    expect(link).to_be_hidden()  # nothing to keep yet
    widget.ask(HOURS_FA)
    widget.answer(answer_to(HOURS_FA))
    expect(link).to_be_visible()
    snapshot("link")
    with page.expect_download() as started:
        link.click()
    download = started.value
    assert download.suggested_filename.startswith("conversation-")
    assert download.suggested_filename.endswith(".txt")
    text = Path(download.path()).read_text("utf-8")
    assert f"] شما: {HOURS_FA}" in text
    assert f"] دستیار: {answer_to(HOURS_FA).splitlines()[0]}" in text
