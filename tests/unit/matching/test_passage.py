"""The texts compared by meaning."""

from __future__ import annotations

from domain.faq import FAQ, FAQContent
from domain.matching.passage import faq_passage, for_meaning


def test_arabic_keyboard_letters_are_read_as_persian_and_nothing_else_changes() -> None:
    assert for_meaning("ساعت كاري مطب چيه؟ ة") == "ساعت کاری مطب چیه؟ ه"
    written = "Opening hours?\n ساعت‌های کاری «مطب»"
    assert for_meaning(written) == written  # embedded, and hashed, as written


def test_a_passage_holds_the_question_keywords_and_answer() -> None:
    faq = FAQ("f", FAQContent("هزينه ويزيت؟", "۳۵۰ هزار تومان.", ("هزینه", "ویزیت")))
    assert faq_passage(faq) == "هزینه ویزیت؟\nهزینه، ویزیت\n۳۵۰ هزار تومان."
