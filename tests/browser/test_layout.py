"""On a phone the panel takes the whole screen, and its close button brings the page back."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, ViewportSize, expect

from tests.browser.widget import Widget

PHONE: ViewportSize = {"width": 390, "height": 844}


def settled_box(page: Page, locator: Locator) -> dict[str, int] | None:
    """The element's box, rounded to whole pixels, once its opening animation has ended."""
    previous: dict[str, int] | None = None
    for _ in range(30):
        box = locator.bounding_box()
        current = {k: round(v) for k, v in box.items()} if box else None
        if current is not None and current == previous:
            return current
        previous = current
        page.wait_for_timeout(100)
    return previous


def test_on_a_phone_the_chat_fills_the_screen(
        page: Page, pasokh: str, snapshot: Callable[[str], None]) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    launcher = widget.launcher.bounding_box()
    assert launcher and launcher["x"] + launcher["width"] <= PHONE["width"] - 10

    widget.open()
    widget.ask("آیا کلینیک پارکینگ دارد؟")
    expect(widget.stored("bot").locator(".tag-faq")).to_have_text("پرسش متداول")

    assert settled_box(page, widget.panel) == {"x": 0, "y": 0, **PHONE}
    expect(widget.launcher).to_be_hidden()  # under the panel: the close button takes over
    snapshot("open")
    widget.host.get_by_role("button", name="بستن گفتگو").click()
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_visible()
