"""The support lexicon: a visitor's synonym reaches the FAQ, an unrelated question does not."""

from __future__ import annotations

import pytest

from domain.faq import FAQ, FAQContent
from domain.faq_matching import FAQIndex
from domain.matching.concepts import LEXICON, ConceptLexicon
from domain.matching.lexicon import written
from domain.matching.morphology import bases

REFUND = FAQ("refund", FAQContent("Can I get a refund?", "Yes, within 14 days.", ("refund",)))
CANCEL = FAQ("cancel", FAQContent("How do I cancel my appointment?", "From 'My appointments'.",
                                  ("cancel",)))
PASSWORD = FAQ("password", FAQContent("How do I reset my password?", "Use 'Forgot password'.",
                                      ("reset password",)))
FA_CHANGE = FAQ("fa-change", FAQContent("چطور نوبتم را تغییر بدهم؟", "از صفحه نوبت‌های من.",
                                        ("تغییر نوبت",)))
FA_PRICE = FAQ("fa-price", FAQContent("هزینه ویزیت چقدر است؟", "۳۵۰ هزار تومان.", ("هزینه ویزیت",)))
CATALOG = (REFUND, CANCEL, PASSWORD, FA_CHANGE, FA_PRICE)


def index(*faqs: FAQ, lexicon: ConceptLexicon = LEXICON) -> FAQIndex:
    built = FAQIndex(lexicon)
    for faq in faqs:
        built.put(faq)
    return built


def best_id(built: FAQIndex, text: str) -> str | None:
    match = built.best(text, 0.5)
    return match.faq.id if match else None


@pytest.mark.parametrize(("text", "faq"), [
    ("I want my money back", "refund"),  # a phrase stands for one word
    ("call off my appointment", "cancel"),
    ("how can I restore my passcode", "password"),  # restore ~ reset, passcode ~ password
    ("چطوری نوبتمو عوض کنم", "fa-change"),  # عوض ~ تغییر, spoken چطوری
    ("قیمت ویزیت چنده؟", "fa-price"),  # قیمت ~ هزینه, spoken چنده
])
def test_a_synonym_reaches_the_faq(text: str, faq: str) -> None:
    assert best_id(index(*CATALOG), text) == faq


def test_without_the_lexicon_the_same_synonyms_miss() -> None:
    bare = index(*CATALOG, lexicon=ConceptLexicon([]))
    for text in ("I want my money back", "how can I restore my passcode", "چطوری نوبتمو عوض کنم"):
        assert best_id(bare, text) is None, text


@pytest.mark.parametrize("text", [
    "what time is it in London",
    "reserve a table at a restaurant",
    "Is the museum open on Sunday?",
    "how much is a taxi",
    "Do you sell gift cards?",
])
def test_an_unrelated_question_still_gets_no_answer(text: str) -> None:
    assert best_id(index(*CATALOG), text) is None


def test_the_faqs_own_word_outranks_a_synonym() -> None:
    call_off = FAQ("call-off", FAQContent("Can I call off a delivery?", "Yes, until it ships.",
                                          ("call off",)))
    ranked = index(CANCEL, call_off).rank("call off")
    assert [m.faq.id for m in ranked] == ["call-off", "cancel"]
    assert ranked[0].confidence > ranked[1].confidence


def test_a_persian_synonym_does_not_reach_an_english_faq() -> None:
    # «کنسل» means cancel, but a visitor who writes Persian wants a Persian answer.
    assert index(CANCEL).rank("کنسل") == []


def test_groups_are_read_with_comments_continuations_and_any_spelling() -> None:
    lexicon = ConceptLexicon.parse("""
    # a comment | not a member
    refund | money back |
        reimbursement
    نوبت | وقت
    """)
    assert lexicon.concepts("reimbursements").keys() == lexicon.concepts("refund").keys() != set()
    assert lexicon.concepts("وقتمو").keys() == lexicon.concepts("نوبت").keys()
    assert lexicon.concepts("comment") == {} and lexicon.concepts("not") == {}
    [span] = lexicon.phrases(["my", "money", "back"])
    assert (span.start, span.end) == (1, 3) and span.concepts.keys() == {"~refund@en"}


def test_an_faq_is_annotated_with_the_concepts_of_its_words_and_phrases() -> None:
    found = LEXICON.annotate(["call", "off"])
    assert found["call"] == found["off"] and found["off"]


@pytest.mark.parametrize(("spoken", "formal"), [
    ("میکشه", "میکشد"), ("میکنین", "میکنید"), ("بیام", "بیایم"), ("بیارم", "بیاورم"),
    ("چنده", "چقدر"), ("کتاب", "کتاب"), ("نوبتمو", "نوبتمو"),
])
def test_spoken_persian_takes_its_written_form(spoken: str, formal: str) -> None:
    assert written(spoken) == formal


def test_a_bare_english_d_or_e_is_an_ending_only_where_it_can_be() -> None:
    assert "close" in dict(bases("closed")) and "schedul" in dict(bases("schedule"))
    assert "car" not in dict(bases("card")) and "not" not in dict(bases("note"))
