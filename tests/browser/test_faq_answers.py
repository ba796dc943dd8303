"""A visitor asks the clinic's FAQ, in English and in Persian, on the demo page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.widget import Widget, answer_to


def test_a_visitor_asks_an_faq_on_the_demo_page_and_sees_the_labelled_answer(
        page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    expect(widget.input).to_be_focused()

    widget.ask("what are your opening hours")

    answer = widget.answer(answer_to("What are your opening hours?"))
    expect(answer.locator(".who")).to_have_text("Assistant")
    expect(answer.locator(".tag-faq")).to_have_text("FAQ")
    expect(widget.stored("user").locator(".bubble")).to_have_text("what are your opening hours")
    expect(widget.stored("user").locator(".who")).to_have_text("You")
    expect(widget.pending).to_have_count(0)
    expect(widget.log).to_have_attribute("aria-live", "polite")


def test_a_persian_question_gets_a_right_to_left_persian_answer(page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    expect(widget.panel).to_have_attribute("dir", "rtl")

    # Typed on an Arabic keyboard layout: ك and ي instead of Persian ک and ی.
    widget.ask("ساعات كاري كلينيك چيست؟")

    answer = widget.answer(answer_to("ساعات کاری کلینیک چیست؟"))
    expect(answer.locator(".tag-faq")).to_have_text("پرسش متداول")
    expect(answer.locator(".who")).to_have_text("دستیار")
    for bubble in (answer.locator(".bubble"), widget.stored("user").locator(".bubble")):
        expect(bubble).to_have_attribute("dir", "rtl")
        expect(bubble).to_have_css("direction", "rtl")
    # Right to left: the visitor's own bubble sits on the left edge of the panel.
    panel, mine = widget.panel.bounding_box(), widget.stored("user").bounding_box()
    assert panel and mine
    assert mine["x"] - panel["x"] < 30
