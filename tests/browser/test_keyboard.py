"""Keyboard only: reach the launcher, open, ask, send, close, and land back where we were."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.host_site import HostSite
from tests.browser.widget import Widget, answer_to

FOCUSED_IN_WIDGET = """() => {
    const host = document.activeElement;
    if (!host || host.localName !== 'pasokh-chat') return null;
    const inner = host.shadowRoot.activeElement;
    return inner ? (inner.className || inner.localName) : null;
}"""


def small_site(widget_src: str) -> str:
    return f"""<!doctype html><html lang="en"><head><title>Bakery</title>
<script src="{widget_src}" defer></script></head>
<body><h1>Bakery</h1><a href="#menu">Our menu</a></body></html>"""


def test_the_widget_works_with_the_keyboard_alone(
        page: Page, pasokh: str, host_site: HostSite) -> None:
    page.goto(host_site.publish(small_site(f"{pasokh}/widget.js")))
    widget = Widget(page)
    expect(widget.launcher).to_be_attached()

    page.keyboard.press("Tab")  # the page's own link
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_IN_WIDGET) == "launcher"
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(widget.input).to_be_focused()

    page.keyboard.type("How much does a consultation cost?")
    page.keyboard.press("Enter")
    widget.answer(answer_to("How much does a consultation cost?"))
    expect(widget.input).to_have_value("")
    expect(widget.input).to_be_focused()

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_IN_WIDGET) == "send"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back over the answer's "Did this help?": No, then Yes
    assert page.evaluate(FOCUSED_IN_WIDGET) == "feedback-choice"
    expect(widget.host.locator(":focus")).to_have_accessible_name("No")
    page.keyboard.press("Shift+Tab")
    expect(widget.host.locator(":focus")).to_have_accessible_name("Yes")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED_IN_WIDGET) == "icon-button"  # the panel's close button

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert page.evaluate(FOCUSED_IN_WIDGET) == "launcher"
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    expect(widget.launcher).to_have_accessible_name("Open chat")
