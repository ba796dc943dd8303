"""One answering decision per visitor message, from every kind of evidence at once.

The evidence: the escalation phrase the text holds (if any), and the FAQ candidates found
by the lexical index (a confidence in 0..1) and by meaning (the cosine similarity of the
text's embedding with each FAQ's, when an embedder is configured). One pure policy turns
it into one of four actions:

* ANSWER: the best candidate's own answer, verbatim;
* SUGGEST: up to three plausible FAQs for the visitor to choose from;
* RESPOND: the responder (a model, which is shown the candidates; or the local fallback);
* PERSON: a person, for the escalation reason.

Each candidate gets the probability that it is the FAQ that answers the text, from a
logistic model over features that carry over between catalogs (how strong its evidence is,
and how far ahead of the others it is). The weights and thresholds are fitted by
`bench/faq_eval` with one business domain held out at a time (docs/faq-matching.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum


class Action(Enum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    RESPOND = "respond"
    PERSON = "person"


@dataclass(frozen=True)
class Candidate:
    """One FAQ's evidence for one text. lexical: the index's confidence (0 when the index
    did not find it); dense: the cosine similarity, or None without an embedder."""

    faq_id: str
    lexical: float = 0.0
    dense: float | None = None
    coverage: float = 0.0  # share of the text's words (by rarity) this FAQ holds
    unknown: float = 1.0  # share of the text's words (by rarity) that no FAQ holds
    keyword: float = 0.0  # how well one of the FAQ's keyword phrases occurs in the text


@dataclass(frozen=True)
class DenseContext:
    """What the cosines of one text look like over the whole catalog: the best, the second
    and the median, so a candidate's similarity is read against the text's own baseline (cosines of
    one model cluster in a narrow band, and the band moves with the text)."""

    best: float
    second: float
    median: float


@dataclass(frozen=True)
class Scored:
    faq_id: str
    probability: float


@dataclass(frozen=True)
class Decision:
    action: Action
    faq_id: str | None = None  # ANSWER: the FAQ
    suggestions: tuple[str, ...] = ()  # SUGGEST: the FAQ ids to offer, best first
    reason: str | None = None  # PERSON: why
    confidence: float | None = None  # ANSWER: the probability that the FAQ is right
    ranked: tuple[Scored, ...] = ()  # every candidate, most probable first


FEATURES = ("bias", "lexical", "lexical_strong", "lexical_gap", "lexical_top", "coverage",
            "unknown", "keyword", "dense_lift", "dense_gap", "dense_lead", "dense_top", "agree")


def features(candidate: Candidate, best_lexical: float, dense: DenseContext | None
             ) -> tuple[float, ...]:
    """The candidate's evidence as numbers that mean the same in any catalog: its own
    strength, and how far it is from the best (or, for the best, ahead of the next)."""
    lexical_gap = candidate.lexical - best_lexical
    lexical_top = 1.0 if candidate.lexical > 0 and lexical_gap >= 0 else 0.0
    if dense is None or candidate.dense is None:
        dense_lift = dense_gap = dense_lead = dense_top = 0.0
    else:
        dense_lift = (candidate.dense - dense.median) * 10
        dense_gap = (candidate.dense - dense.best) * 10
        dense_top = 1.0 if dense_gap >= 0 else 0.0
        dense_lead = (candidate.dense - dense.second) * 10 if dense_top else 0.0
    strong = max(0.0, candidate.lexical - 0.6) * 2.5  # 0 below 0.6, 1 at 1.0
    return (1.0, candidate.lexical, strong, lexical_gap, lexical_top, candidate.coverage,
            candidate.unknown, candidate.keyword, dense_lift, dense_gap, dense_lead, dense_top,
            lexical_top * dense_top)


@dataclass(frozen=True)
class Weights:
    """A fitted logistic model and its thresholds (bench/faq_eval fits them)."""

    coefficients: tuple[float, ...]
    answer_at: float  # answer when the best candidate is at least this probable
    suggest_at: float  # offer a candidate at least this probable
    margin: float = 0.0  # and the best must lead the second by this much to answer

    def probability(self, values: Sequence[float]) -> float:
        z = sum(w * x for w, x in zip(self.coefficients, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Fitted by `python -m bench.faq_eval --fit` on every labelled domain; the figures in
# docs/faq-matching.md come from fits that held the reported domain out.
LEXICAL_ONLY = Weights(
    coefficients=(-3.786, 0.379, 0.755, 3.684, 1.093, 5.258, 0.081, 0.041, 0.0, 0.0, 0.0, 0.0,
                  0.0),
    answer_at=0.75, suggest_at=0.35, margin=0.1)
WITH_MEANING = Weights(
    coefficients=(-3.032, 0.454, 1.222, 2.928, 0.863, 1.924, -0.416, -0.342, 1.408, 4.372,
                  2.494, 1.289, -0.9),
    answer_at=0.85, suggest_at=0.29, margin=0.0)

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class AnswerPolicy:
    lexical_only: Weights = LEXICAL_ONLY
    with_meaning: Weights = WITH_MEANING
    max_suggestions: int = MAX_SUGGESTIONS
    offers: bool = True  # False: never SUGGEST (the responder is a model, it weighs them)
    settle_at: float = field(default=0.97)

    def answering_at(self, threshold: float) -> AnswerPolicy:
        """The same policy, answering when the best FAQ is at least this probable (and
        offering from half of it, never above the threshold itself)."""
        def at(weights: Weights) -> Weights:
            return replace(weights, answer_at=threshold,
                           suggest_at=min(weights.suggest_at, threshold / 2))
        return replace(self, lexical_only=at(self.lexical_only),
                       with_meaning=at(self.with_meaning))

    def rank(self, candidates: Sequence[Candidate], dense: DenseContext | None
             ) -> tuple[Scored, ...]:
        weights = self.with_meaning if dense is not None else self.lexical_only
        best_lexical = max((c.lexical for c in candidates), default=0.0)
        scored = [Scored(c.faq_id, weights.probability(features(c, best_lexical, dense)))
                  for c in candidates]
        scored.sort(key=lambda s: (-s.probability, s.faq_id))
        return tuple(scored)

    def first_look(self, escalation: str | None, candidates: Sequence[Candidate]
                   ) -> tuple[Decision, bool]:
        """The decision on words alone, and whether the words settle it: when they make
        the best FAQ overwhelming, meaning could not change the answer, and the embedding
        is not computed at all (the hot path stays fast)."""
        if escalation is not None:
            return Decision(Action.PERSON, reason=escalation), True
        ranked = self.rank(candidates, None)
        return self.choose(ranked, self.lexical_only), self._settled(ranked)

    def _settled(self, ranked: tuple[Scored, ...]) -> bool:
        return bool(ranked) and ranked[0].probability >= self.settle_at and (
            len(ranked) == 1 or ranked[0].probability - ranked[1].probability
            >= self.lexical_only.margin)

    def decide(self, escalation: str | None, candidates: Sequence[Candidate],
               dense: DenseContext | None) -> Decision:
        if escalation is not None:
            return Decision(Action.PERSON, reason=escalation)
        weights = self.with_meaning if dense is not None else self.lexical_only
        return self.choose(self.rank(candidates, dense), weights)

    def choose(self, ranked: tuple[Scored, ...], weights: Weights) -> Decision:
        """The action for candidates already ranked with these weights."""
        if ranked:
            top = ranked[0]
            runner_up = ranked[1].probability if len(ranked) > 1 else 0.0
            if top.probability >= weights.answer_at \
                    and top.probability - runner_up >= weights.margin:
                return Decision(Action.ANSWER, top.faq_id, confidence=top.probability,
                                ranked=ranked)
        plausible = tuple(s.faq_id for s in ranked if s.probability >= weights.suggest_at)
        if plausible and self.offers:
            return Decision(Action.SUGGEST, suggestions=plausible[:self.max_suggestions],
                            ranked=ranked)
        return Decision(Action.RESPOND, ranked=ranked)
