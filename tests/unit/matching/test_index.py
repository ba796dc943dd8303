"""FAQIndex: finds the FAQ a visitor means, says how sure it is, and follows catalog changes."""

from __future__ import annotations

from bench.faq_matching.evaluation import build_index, load_faqs
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.faq import FAQ, FAQContent
from domain.faq_matching import FAQIndex

CATALOG = load_faqs()
BY_ID = {faq.id: faq for faq in CATALOG}
MESSAGE_LETTERS = list("ابپتجچخدرزسشکگلمنوهیيكةأؤئآ۰۱٢abcdefkoprstz019 ?!؟،\u200c\u064e\u0640")
PROBES = ("ساعت کاری کلینیک", "نوبتمو کنسل کنم", "parking", "insurance plans",
          "how do I book an appointment", "جواب آزمایش", "ناشتا باشم")


def best_id(index: FAQIndex, text: str, threshold: float = 0.5) -> str | None:
    match = index.best(text, threshold)
    return match.faq.id if match else None


def test_a_light_typo_in_a_long_word_still_matches() -> None:
    index = build_index(CATALOG)
    assert best_id(index, "ناشطا باشم؟") == "fa-fasting"
    assert best_id(index, "insurence") == "en-insurance"
    assert best_id(index, "parkng") == "en-parking"


def test_persian_suffixes_written_any_way_still_match() -> None:
    index = build_index(CATALOG)
    for text in ("پارکینگتون رایگانه؟", "پارکینگ‌تون رایگانه؟", "پارکينگتون رايگانه"):
        assert best_id(index, text) == "fa-parking", text
    assert best_id(index, "نوبتامو کنسل کنم") == "fa-cancel"


def test_questions_no_faq_answers_get_none() -> None:
    index = build_index(CATALOG)
    for text in ("Do you sell gift cards?", "هوای امروز تهران چطوره؟", "hello", "؟؟؟", ""):
        assert index.best(text, 0.5) is None, text


def test_a_new_faq_matches_once_put_and_stops_once_discarded() -> None:
    index = build_index(CATALOG)
    assert best_id(index, "Do you sell gift cards?") is None
    gift = FAQ("gift", FAQContent("Do you sell gift cards?", "Yes, at reception.", ("gift card",)))
    index.put(gift)
    assert best_id(index, "can I buy a gift card") == "gift" and len(index) == len(CATALOG) + 1
    index.discard("gift")
    assert best_id(index, "can I buy a gift card") is None and len(index) == len(CATALOG)


def test_editing_an_faq_changes_what_it_matches() -> None:
    index = build_index(CATALOG)
    parking = BY_ID["en-parking"]
    index.put(parking.edited(question="Can I leave my bicycle outside?",
                      keywords=("bicycle", "bike")))
    assert best_id(index, "Where can I leave my bike?") == "en-parking"
    assert best_id(index, "Is there a car park?") is None


def test_deactivating_an_faq_removes_it() -> None:
    index = build_index(CATALOG)
    index.put(BY_ID["en-parking"].edited(active=False))
    assert best_id(index, "Is there parking at the clinic?") is None
    assert "en-parking" not in {m.faq.id for m in index.rank("parking", 50)}


def test_priority_breaks_a_tie_and_boosts_only_a_little() -> None:
    low = FAQ("low", FAQContent("Is there parking?", "Yes.", ("parking",), priority=0))
    high = FAQ("high", FAQContent("Is there parking?", "Yes, level -1.", ("parking",),
                                  priority=1000))
    index = FAQIndex()
    index.put(low)
    index.put(high)
    ranked = index.rank("parking")
    assert [m.faq.id for m in ranked] == ["high", "low"]
    assert 0 < ranked[0].confidence - ranked[1].confidence <= 0.03


def test_an_faq_asked_word_for_word_is_a_confident_match() -> None:
    index = build_index(CATALOG)
    for faq in CATALOG:
        match = index.best(faq.question, 0.5)
        assert match is not None and match.faq.id == faq.id, faq.question
        assert match.confidence >= 0.8, faq.question


@settings(max_examples=60, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(MESSAGE_LETTERS), max_size=60))
def test_confidence_is_always_between_zero_and_one(text: str) -> None:
    for match in build_index(CATALOG[:12]).rank(text, 10):
        assert 0.0 <= match.confidence <= 1.0


@settings(max_examples=25, deadline=None, database=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(sorted(BY_ID))), max_size=30))
def test_updating_in_place_ranks_as_a_fresh_build_would(changes: list[tuple[bool, str]]) -> None:
    index = build_index(CATALOG)
    current = dict(BY_ID)
    for put, faq_id in changes:
        if put:
            current[faq_id] = BY_ID[faq_id].edited(question=f"{BY_ID[faq_id].question} ?")
            index.put(current[faq_id])
        else:
            index.discard(faq_id)
            current.pop(faq_id, None)
    fresh = build_index(current.values())
    for probe in PROBES:
        assert index.rank(probe, 5) == fresh.rank(probe, 5), probe


def test_the_order_faqs_arrive_in_never_changes_a_confidence() -> None:
    # "parks" is as surely "parking" (in two FAQs) as "parked" (in one): its weight must
    # not depend on which of the two the index happened to learn first
    faqs = [FAQ("lot", FAQContent("Is there parking?", "Yes.")),
            FAQ("car", FAQContent("Where is my car parked?", "B2.")),
            FAQ("bike", FAQContent("Bike parking?", "At the back."))]
    confidences = set()
    for order in (faqs, [faqs[1], faqs[0], faqs[2]], faqs[::-1]):
        index = FAQIndex()
        for faq in order:
            index.put(faq)
        ranked = index.rank("parks near the car", 3)
        confidences.add(tuple((m.faq.id, m.confidence) for m in ranked))
    assert len(confidences) == 1, confidences
