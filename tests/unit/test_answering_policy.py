"""The one answering decision (domain.answering), from exact evidence."""

from __future__ import annotations

import math

import pytest

from domain.answering import (
    FEATURES,
    Action,
    AnswerPolicy,
    Candidate,
    DenseContext,
    Weights,
    features,
)

# A model that reads only the lexical confidence: p = sigmoid(10 * (lexical - 0.5)).
ONLY_LEXICAL = tuple(10.0 if name == "lexical" else (-5.0 if name == "bias" else 0.0)
                     for name in FEATURES)
SIMPLE = Weights(ONLY_LEXICAL, answer_at=0.8, suggest_at=0.3, margin=0.2)
POLICY = AnswerPolicy(lexical_only=SIMPLE, with_meaning=SIMPLE, settle_at=0.97)


def p(lexical: float) -> float:
    return 1 / (1 + math.exp(-10 * (lexical - 0.5)))


def test_an_escalation_phrase_goes_to_a_person_whatever_the_faqs_say() -> None:
    decision = POLICY.decide("keyword:شکایت", [Candidate("a", 1.0)], None)
    assert (decision.action, decision.reason, decision.faq_id) == (
        Action.PERSON, "keyword:شکایت", None)


def test_a_sure_candidate_well_ahead_of_the_next_is_the_answer() -> None:
    decision = POLICY.decide(None, [Candidate("b", 0.5), Candidate("a", 0.9)], None)
    assert (decision.action, decision.faq_id) == (Action.ANSWER, "a")
    assert decision.confidence == pytest.approx(p(0.9))
    assert [s.faq_id for s in decision.ranked] == ["a", "b"]


def test_two_sure_candidates_too_close_to_tell_are_offered_instead() -> None:
    decision = POLICY.decide(None, [Candidate("a", 0.9), Candidate("b", 0.88),
                                    Candidate("c", 0.6), Candidate("d", 0.55),
                                    Candidate("e", 0.1)], None)
    assert decision.action is Action.SUGGEST
    assert decision.suggestions == ("a", "b", "c")  # at most three, most probable first


def test_without_plausible_candidates_the_responder_answers() -> None:
    decision = POLICY.decide(None, [Candidate("a", 0.3)], None)  # p = 0.12 < 0.3
    assert (decision.action, decision.suggestions) == (Action.RESPOND, ())
    assert [s.faq_id for s in decision.ranked] == ["a"]  # what the model is shown
    assert POLICY.decide(None, [], None).action is Action.RESPOND


def test_with_a_model_the_plausible_candidates_go_to_the_model_not_the_visitor() -> None:
    model = AnswerPolicy(lexical_only=SIMPLE, with_meaning=SIMPLE, offers=False)
    decision = model.decide(None, [Candidate("a", 0.6), Candidate("b", 0.55)], None)
    assert (decision.action, [s.faq_id for s in decision.ranked]) == (Action.RESPOND,
                                                                       ["a", "b"])


def test_words_settle_the_decision_only_when_they_are_overwhelming() -> None:
    def settled(candidates: list[Candidate]) -> bool:
        return POLICY.first_look(None, candidates)[1]

    assert settled([Candidate("a", 0.99)])
    assert not settled([Candidate("a", 0.99), Candidate("b", 0.98)])
    assert not settled([Candidate("a", 0.7)])
    assert not settled([])


def test_a_threshold_set_by_the_operator_moves_when_to_answer() -> None:
    strict = POLICY.answering_at(0.999)
    assert strict.decide(None, [Candidate("a", 0.9)], None).action is Action.SUGGEST
    lenient = POLICY.answering_at(0.1)
    assert lenient.decide(None, [Candidate("a", 0.4)], None).faq_id == "a"


def test_meaning_is_read_against_the_texts_own_baseline() -> None:
    context = DenseContext(best=0.90, second=0.84, median=0.82)
    best = features(Candidate("x", 0.0, 0.90), 0.0, context)
    named = dict(zip(FEATURES, best, strict=True))
    assert named["dense_lift"] == pytest.approx(0.8)  # (0.90 - 0.82) * 10
    assert named["dense_gap"] == 0 and named["dense_top"] == 1
    assert named["dense_lead"] == pytest.approx(0.6)  # ahead of the next by 0.06
    other = dict(zip(FEATURES, features(Candidate("y", 0.0, 0.84), 0.0, context), strict=True))
    assert other["dense_gap"] == pytest.approx(-0.6) and other["dense_lead"] == 0


def test_the_shipped_policy_answers_the_plain_and_offers_the_doubtful() -> None:
    """The fitted weights: a text that holds an FAQ's keyword phrase and most of its words is
    answered; a weak word match on one of several FAQs is not."""
    shipped = AnswerPolicy()
    strong = Candidate("hours", 1.0, None, coverage=0.9, unknown=0.0, keyword=1.0)
    assert shipped.decide(None, [strong, Candidate("other", 0.3)], None).action is Action.ANSWER
    weak = [Candidate("a", 0.35, None, 0.3, 0.6), Candidate("b", 0.3, None, 0.3, 0.6)]
    assert shipped.decide(None, weak, None).action is not Action.ANSWER
    # meaning that agrees with the words makes it surer; meaning that points elsewhere, less
    agreeing = DenseContext(best=0.9, second=0.82, median=0.8)
    sure = shipped.decide(None, [Candidate("a", 0.7, 0.9, 0.6, 0.2, 0.0),
                                 Candidate("b", 0.0, 0.82, 0.0, 0.2)], agreeing)
    doubt = shipped.decide(None, [Candidate("a", 0.7, 0.82, 0.6, 0.2, 0.0),
                                  Candidate("b", 0.0, 0.9, 0.0, 0.2)], agreeing)
    assert sure.ranked[0].faq_id == "a"
    assert sure.ranked[0].probability > next(s.probability for s in doubt.ranked
                                             if s.faq_id == "a")


def test_the_first_look_decides_on_words_and_says_whether_they_settle_it() -> None:
    sure = [Candidate("a", 0.99)]
    decision, settled = POLICY.first_look(None, sure)
    assert settled and decision == POLICY.decide(None, sure, None)
    decision, settled = POLICY.first_look(None, [Candidate("a", 0.7)])  # p = 0.88
    assert not settled and (decision.action, decision.faq_id) == (Action.ANSWER, "a")
    decision, settled = POLICY.first_look(None, [Candidate("a", 0.6)])  # p = 0.73
    assert not settled and decision.action is Action.SUGGEST
    decision, settled = POLICY.first_look("keyword:x", sure)
    assert settled and decision.action is Action.PERSON
