from __future__ import annotations

from domain.faq import FAQ, FAQContent
from domain.faq_matching import FAQIndex

BOOKING = FAQ("booking", FAQContent("How do I book an appointment?", "Use the booking page.",
                                    ("book", "appointment", "نوبت"), "booking", 5))
HOURS = FAQ("hours", FAQContent("What are your opening hours?", "8 to 20.",
                                ("hours", "open", "ساعت کاری"), "general", 1))
PERSIAN = FAQ("fa-booking", FAQContent("چطور نوبت بگیرم؟", "از صفحه نوبت‌دهی.", ("نوبت", "رزرو"),
                                       "booking", 2))


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
    for text in ("چطور نوبت بگیرم", "چطور نوبت بگيرم؟", "چطوری نوبت می‌گیرم", "رزرو نوبت"):
        match = faqs.best(text, 0.5)
        assert match is not None and match.faq.id == "fa-booking", text


def test_a_synonym_of_the_faqs_word_reaches_it() -> None:
    # "کنسل" is not in the FAQ, but the support lexicon knows it means "لغو".
    cancel = FAQ("fa-cancel", FAQContent("چطور نوبتم را لغو کنم؟", "از صفحه نوبت‌های من.",
                                         ("لغو نوبت",)))
    match = index(PERSIAN, HOURS, cancel).best("نوبتمو کنسل کنم", 0.5)
    assert match is not None and match.faq.id == "fa-cancel"


def test_a_keyword_beside_an_unknown_word_ranks_first_but_is_not_sure() -> None:
    # "هتل" is a word no FAQ holds: a hotel booking is probably not a doctor's. The matcher
    # ranks the FAQ first but leaves the answer to the AI responder, which gets it as a
    # suggestion.
    ranked = index(PERSIAN, HOURS).rank("رزرو هتل")
    assert ranked[0].faq.id == "fa-booking" and 0.3 < ranked[0].confidence < 0.5


def test_no_match_below_the_threshold() -> None:
    assert index(BOOKING, HOURS).best("what is the meaning of life", 0.5) is None


def test_inactive_and_removed_faqs_never_match() -> None:
    faqs = index(BOOKING)
    faqs.put(BOOKING.deactivated())
    assert faqs.best("book an appointment", 0.1) is None and len(faqs) == 0
    faqs.put(BOOKING)
    faqs.discard("booking")
    assert faqs.rank("book an appointment") == []


def test_priority_breaks_ties() -> None:
    low = FAQ("low", FAQContent("Parking?", "Free.", ("parking",), "", 0))
    high = FAQ("high", FAQContent("Parking?", "Free, level -1.", ("parking",), "", 9))
    assert index(low, high).rank("parking")[0].faq.id == "high"


def test_updating_an_faq_changes_its_matches_without_a_rebuild() -> None:
    faqs = index(BOOKING, HOURS)
    faqs.put(HOURS.edited(question="Where can I park?", keywords=("park",)))
    assert faqs.best("what are your opening hours", 0.5) is None
    match = faqs.best("where do I park", 0.5)
    assert match is not None and match.faq.id == "hours" and len(faqs) == 2


def test_confidence_stays_between_zero_and_one() -> None:
    for text in ("book book book appointment appointment", "نوبت نوبت", "x", ""):
        assert all(0 <= m.confidence <= 1 for m in index(BOOKING, HOURS, PERSIAN).rank(text))
