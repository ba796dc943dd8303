"""The widget on someone else's page: hostile CSS neither breaks it nor is broken by it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.host_site import HostSite
from tests.browser.widget import Widget, answer_to

HOSTILE_CSS = """
  html { font-size: 3px !important; }
  * { all: unset; font-size: 3px !important; color: red !important; display: inline !important;
      line-height: 0 !important; box-sizing: content-box !important; }
  button { display: none !important; }
  div, section, p { padding: 40px !important; margin: -20px !important;
                    background: lime !important; }
  pasokh-chat { position: static !important; width: 1px !important; height: 1px !important;
                opacity: 0 !important; transform: scale(0.1) !important; }
  body > * { z-index: -1 !important; }
"""


def hostile_page(widget_src: str) -> str:
    return f"""<!doctype html><html lang="en"><head><title>Shop</title>
<style>{HOSTILE_CSS}</style>
<script src="{widget_src}" data-color="#ffd60a" data-position="left" data-title="Shop help" defer>
</script></head><body><h1>A shop with terrible CSS</h1>
<p id="probe">host text</p><button id="host-button">host button</button></body></html>"""


def contrast(first: str, second: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_hostile_css_on_the_host_page_neither_breaks_the_widget_nor_leaks_into_it(
        page: Page, pasokh: str, host_site: HostSite) -> None:
    page.goto(host_site.publish(hostile_page(f"{pasokh}/widget.js")))
    widget = Widget(page)

    launcher = widget.launcher.bounding_box()
    assert launcher and 56 <= launcher["width"] <= 64 and 56 <= launcher["height"] <= 64
    assert launcher["x"] < 40  # data-position="left"
    assert 800 - (launcher["y"] + launcher["height"]) < 40

    widget.open()
    panel = widget.panel.bounding_box()
    assert panel and 360 <= panel["width"] <= 400 and panel["height"] >= 320
    expect(widget.host.locator("h2")).to_have_text("Shop help")

    widget.ask("Is there parking at the clinic?")
    answer = widget.answer(answer_to("Is there parking at the clinic?"))
    expect(answer.locator(".tag-faq")).to_have_text("FAQ")
    expect(answer.locator(".bubble")).to_have_css("font-size", "15px")
    expect(answer.locator(".bubble")).to_have_css("color", "rgb(15, 23, 42)")
    expect(answer.locator(".bubble")).to_have_css("display", "block")

    # Text on the chosen yellow is dark, and readable (WCAG AA).
    header = widget.host.locator("header")
    background = header.evaluate("e => getComputedStyle(e).backgroundColor")
    text = header.evaluate("e => getComputedStyle(e).color")
    assert background == "rgb(255, 214, 10)"
    assert contrast(background, text) >= 4.5

    # Nothing of the widget's styling leaked into the page.
    expect(page.locator("#probe")).to_have_css("font-size", "3px")
    expect(page.locator("#host-button")).to_be_hidden()


def test_html_in_messages_is_shown_as_text(page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    sneaky = '<img src=x onerror="window.__pwned=1"><b>bold</b><script>window.__pwned=2</script>'

    widget.ask(sneaky)

    expect(widget.stored("user").locator(".bubble")).to_have_text(sneaky)
    expect(widget.stored("bot")).to_have_count(1)  # the bot answered (without knowing)
    assert widget.host.locator("img, b, script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
