"""Content gaps: the questions no FAQ answered, grouped by the matcher's index or by meaning."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from application.insights.conversations import Conversation, Outcome, Question
from application.insights.gaps import Asked, group, unanswered

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def conversation(*asked: tuple[str, Outcome], reason: str | None = None) -> Conversation:
    c = Conversation("key", AT, visitor_messages=len(asked), reason=reason,
                     escalated_at=AT if reason else None)
    c.questions = [Question(n, text, AT, outcome) for n, (text, outcome) in enumerate(asked, 1)]
    return c


def test_only_questions_no_faq_answered_are_gaps() -> None:
    found = unanswered([
        conversation(("How do I reset my password?", Outcome.FAQ),
                     ("Do you ship to Canada?", Outcome.AI)),
        conversation(("do you ship to canada?", Outcome.FALLBACK),
                     ("refund", Outcome.SUGGESTED)),
        conversation(("My payment failed", Outcome.ESCALATED), reason="keyword:payment"),
        conversation(("still typing", Outcome.PENDING)),
    ])

    assert found == [Asked("Do you ship to Canada?", 2, 0), Asked("refund", 1, 0),
                     Asked("My payment failed", 1, 1)]


def test_asking_for_a_person_is_not_a_gap_in_the_faq() -> None:
    found = unanswered([conversation(("I want to talk to a human", Outcome.ESCALATED),
                                     reason="visitor_request")])
    assert found == []


def test_wordings_of_one_question_are_grouped_and_labelled_by_the_most_asked() -> None:
    gaps = group([Asked("How long does shipping to Canada take?", 5, 1),
                  Asked("Can I pay with bitcoin?", 4, 0),
                  Asked("shipping to Canada how long does it take", 3, 2),
                  Asked("Do you take bitcoin payments?", 1, 0)])

    assert [(g.label, g.count, g.escalated) for g in gaps][0] == (
        "How long does shipping to Canada take?", 8, 3)
    assert gaps[0].examples == ["How long does shipping to Canada take?",
                                "shipping to Canada how long does it take"]
    assert {"shipping", "canada"} <= set(gaps[0].keywords)


def test_persian_wordings_are_grouped_too() -> None:
    gaps = group([Asked("هزینه ارسال به شیراز چقدر است؟", 3, 0),
                  Asked("هزینهٔ ارسال به شیراز چقدره", 2, 1),
                  Asked("ساعت کاری شما چیست؟", 1, 0)])

    assert [(g.count, g.escalated) for g in gaps] == [(5, 1), (1, 0)]


def test_meaning_joins_what_the_words_do_not() -> None:
    asked = [Asked("Do you ship to Canada?", 3, 0), Asked("Can I pay with bitcoin?", 2, 0),
             Asked("Is delivery to Toronto possible?", 2, 1)]

    def same_as_first(i: int, leaders: Sequence[int]) -> int | None:
        return 0 if asked[i].text.startswith("Is delivery") else None

    gaps = group(asked, by_meaning=same_as_first)

    assert [(g.label, g.count) for g in gaps] == [("Do you ship to Canada?", 5),
                                                  ("Can I pay with bitcoin?", 2)]
