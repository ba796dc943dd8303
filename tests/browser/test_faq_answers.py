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


def test_a_visitor_chooses_an_offered_faq_with_the_keyboard_and_gets_its_answer(
        page: Page, pasokh: str, snapshot) -> None:  # type: ignore[no-untyped-def]
    """Not sure enough to answer, the bot offers the FAQ as a button; choosing it (keyboard
    first) asks that FAQ and the bot answers with it."""
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask("ماشین رو کجا پارک کنم؟")

    offer = widget.stored("bot").locator("button.offer")
    expect(offer).to_have_count(1)
    expect(offer).to_have_text("آیا کلینیک پارکینگ دارد؟")
    expect(offer).to_have_attribute("dir", "rtl")
    expect(offer).to_have_css("direction", "rtl")
    expect(widget.stored("bot").locator("[role=group]")).to_have_attribute(
        "aria-label", "پرسش‌هایی که شاید پاسخ شما باشند")
    snapshot("offered")

    offer.focus()
    page.keyboard.press("Enter")

    answer = widget.answer(answer_to("آیا کلینیک پارکینگ دارد؟"))
    expect(answer.locator(".tag-faq")).to_have_text("پرسش متداول")
    expect(offer).to_be_disabled()
    expect(offer).to_have_attribute("aria-pressed", "true")
    assert widget.bubbles("user")[-1] == "آیا کلینیک پارکینگ دارد؟"


def test_a_persian_bubble_that_starts_with_a_latin_name_reads_right_to_left(
        page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask("Pasokh یک سامانه پشتیبانی است؟")
    bubble = widget.stored("user").locator(".bubble")
    expect(bubble).to_have_attribute("dir", "rtl")
    widget.ask("What does the word سلام mean?")
    expect(widget.stored("user").locator(".bubble").nth(1)).to_have_attribute("dir", "ltr")
