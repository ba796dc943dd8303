"""What a draft FAQ would have answered, replayed against the catalog as it would be."""

from __future__ import annotations

from datetime import UTC, datetime

from application.insights.conversations import Outcome, Question
from application.insights.what_if import DRAFT_ID, replay
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy
from domain.faq import FAQ, FAQContent

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)
HOURS = FAQ("faq-hours", FAQContent("What are your opening hours?", "9 to 5.", ("hours", "open")))
PARKING = FAQ("faq-parking", FAQContent("Is there parking?", "Yes, behind the building.",
                                        ("parking",)))
BITCOIN = FAQ(DRAFT_ID, FAQContent("Can I pay with bitcoin?", "Not yet.", ("bitcoin",)))


def asked(text: str, outcome: Outcome, faq_id: str | None = None) -> Question:
    return Question(1, text, AT, outcome, faq_id)


def what_if(draft: FAQ, questions: list[Question], *, keywords: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return replay(draft, [HOURS, PARKING], questions, AnswerPolicy(),
                  EscalationPolicy.with_keywords(keywords))


def test_a_new_faq_answers_the_questions_nobody_answered() -> None:
    found = what_if(BITCOIN, [asked("Can I pay with bitcoin?", Outcome.FALLBACK),
                              asked("Can I pay with bitcoin?", Outcome.AI),
                              asked("What are your opening hours?", Outcome.FAQ, "faq-hours"),
                              asked("Is there parking?", Outcome.FAQ, "faq-parking")])

    assert (found.questions, found.would_answer, found.previously_unanswered,
            found.previously_other_faq) == (4, 2, 2, 0)
    assert found.examples == ["Can I pay with bitcoin?"]


def test_an_edited_faq_replaces_its_old_version() -> None:
    parking_and_bikes = FAQ("faq-parking", FAQContent(
        "Where can I park my car or my bike?", "Cars behind the building, bikes at the door.",
        ("parking", "bike")))
    found = what_if(parking_and_bikes,
                    [asked("Where can I park my bike?", Outcome.SUGGESTED),
                     asked("Is there parking?", Outcome.FAQ, "faq-parking")])

    assert found.would_answer >= 1
    assert found.previously_other_faq == 0  # its own earlier version is not "another FAQ"
    assert "Where can I park my bike?" in found.examples


def test_a_draft_that_takes_over_another_faqs_questions_says_so() -> None:
    holiday_hours = FAQ(DRAFT_ID, FAQContent(
        "What are your opening hours on public holidays?", "10 to 2 on public holidays.",
        ("public holidays", "holiday hours"), priority=10))
    found = what_if(holiday_hours, [
        asked("What are your opening hours on public holidays?", Outcome.FAQ, "faq-hours")])

    assert (found.would_answer, found.previously_other_faq) == (1, 1)


def test_a_draft_that_only_repeats_another_faq_answers_nothing_at_once() -> None:
    """Two FAQs equally sure for a question: the service offers both instead of answering
    (the policy's margin), and the replay says so."""
    hours_again = FAQ(DRAFT_ID, FAQContent("What are your opening hours?", "8 to 6 now.",
                                           ("hours", "open")))
    found = what_if(hours_again, [asked("What are your opening hours?", Outcome.FAQ,
                                        "faq-hours")])

    assert found.would_answer == 0


def test_a_question_that_goes_to_a_person_is_not_answered_by_any_faq() -> None:
    found = what_if(BITCOIN, [asked("Can I pay with bitcoin? payment failed", Outcome.ESCALATED)],
                    keywords=("payment",))

    assert found.would_answer == 0


def test_unrelated_questions_are_not_answered() -> None:
    found = what_if(BITCOIN, [asked("Do you ship to Canada?", Outcome.AI)])

    assert (found.questions, found.would_answer, found.examples) == (1, 0, [])
