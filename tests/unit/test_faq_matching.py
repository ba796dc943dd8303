from __future__ import annotations

from domain.faq import FAQ
from domain.faq_matching import FAQIndex

BOOKING = FAQ("booking", "How do I book an appointment?", "Use the booking page.",
              ("book", "appointment", "نوبت"), "booking", 5)
HOURS = FAQ("hours", "What are your opening hours?", "8 to 20.", ("hours", "open", "ساعت کاری"),
            "general", 1)
PERSIAN = FAQ("fa-booking", "چطور نوبت بگیرم؟", "از صفحه نوبت‌دهی.", ("نوبت", "رزرو"), "booking", 2)


def index(*faqs: FAQ) -> FAQIndex:
    built = FAQIndex()
    for faq in faqs:
        built.put(faq)
    return built


def test_the_best_faq_is_found_for_a_paraphrase() -> None:
    match = index(BOOKING, HOURS).best("can I book an appointment for tomorrow", 0.5)
    assert match is not None and match.faq.id == "booking" and 0.5 <= match.confidence <= 1


def test_persian_variants_match_alike() -> None:
    faqs = index(PERSIAN, HOURS)
    for text in ("چطور نوبت بگیرم", "چطور نوبت بگيرم؟", "رزرو وقت"):
        match = faqs.best(text, 0.5)
        assert match is not None and match.faq.id == "fa-booking", text


def test_no_match_below_the_threshold() -> None:
    assert index(BOOKING, HOURS).best("what is the meaning of life", 0.5) is None


def test_inactive_and_removed_faqs_never_match() -> None:
    faqs = index(BOOKING)
    faqs.put(FAQ(**{**BOOKING.__dict__, "active": False}))
    assert faqs.best("book an appointment", 0.1) is None and len(faqs) == 0
    faqs.put(BOOKING)
    faqs.discard("booking")
    assert faqs.rank("book an appointment") == []


def test_priority_breaks_ties() -> None:
    low = FAQ("low", "Parking?", "Free.", ("parking",), "", 0)
    high = FAQ("high", "Parking?", "Free, level -1.", ("parking",), "", 9)
    assert index(low, high).rank("parking")[0].faq.id == "high"
