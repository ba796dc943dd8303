"""The matcher against the labelled evaluation set: behaviour on real phrasings, not timing."""

from __future__ import annotations

import pytest
from bench.faq_matching.evaluation import (
    Figures,
    build_index,
    evaluate,
    load_faqs,
    load_questions,
    matcher,
    substring_baseline,
)

FALSE_ANSWER_BOUND = 0.05  # of the questions no FAQ answers, at the default threshold 0.5
# Answerable questions answered with the expected FAQ. It was 0.90 while the lexicon held
# the groups that helped only this clinic; issue 13 dropped them (tuning to the test), and
# the clinic's words-only accuracy fell to 83% (docs/faq-matching.md, "The lexicon").
MIN_ACCURACY = 0.80


@pytest.fixture(scope="module")
def figures() -> dict[str, Figures]:
    faqs, questions = load_faqs(), load_questions()
    return {"matcher": evaluate(matcher(build_index(faqs)), questions),
            "baseline": evaluate(substring_baseline(faqs), questions)}


def test_the_set_is_big_and_varied_enough() -> None:
    faqs, questions = load_faqs(), load_questions()
    assert len(faqs) >= 40 and {f.id[:3] for f in faqs} == {"fa-", "en-"}
    assert len(questions) >= 200
    assert sum(q.expected is None for q in questions) >= 50
    assert {q.lang for q in questions} == {"fa", "en"}
    ids = {f.id for f in faqs}
    assert all(q.expected in ids for q in questions if q.expected is not None)


def test_the_matcher_beats_the_keyword_substring_baseline_on_f1(
        figures: dict[str, Figures]) -> None:
    assert figures["matcher"].f1 > figures["baseline"].f1 + 0.2


def test_false_answers_to_unanswerable_questions_stay_under_the_bound(
        figures: dict[str, Figures]) -> None:
    assert figures["matcher"].false_answer_rate <= FALSE_ANSWER_BOUND
    assert figures["matcher"].false_answer_rate < figures["baseline"].false_answer_rate


def test_answers_are_rarely_wrong_and_mostly_found(figures: dict[str, Figures]) -> None:
    assert figures["matcher"].recall >= MIN_ACCURACY
    assert figures["matcher"].precision >= 0.95


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_each_language_beats_the_baseline(lang: str) -> None:
    faqs = load_faqs()
    questions = [q for q in load_questions() if q.lang == lang]
    ours = evaluate(matcher(build_index(faqs)), questions)
    theirs = evaluate(substring_baseline(faqs), questions)
    assert ours.f1 > theirs.f1 and ours.false_answer_rate <= theirs.false_answer_rate


def test_figures_count_outcomes_as_defined() -> None:
    questions = load_questions()[:0]
    assert evaluate(lambda text: None, questions) == Figures(0, 0, 0, 0, 0, 0)
    answerable = [q for q in load_questions() if q.expected]
    other = next(q for q in answerable if q.expected != answerable[0].expected)
    unanswerable = next(q for q in load_questions() if q.expected is None)
    sample = [answerable[0], other, unanswerable]
    always_first = answerable[0].expected
    got = evaluate(lambda text: always_first, sample)
    assert (got.correct, got.wrong, got.false_answers) == (1, 1, 1)
    assert got.precision == pytest.approx(1 / 3) and got.recall == pytest.approx(1 / 2)
