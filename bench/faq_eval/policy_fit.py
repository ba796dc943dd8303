"""Fitting the answering policy's weights and thresholds, and measuring it, with one
domain held out at a time: the figures reported are for domains the fit never saw."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from bench.faq_eval.data import Case
from domain.answering import FEATURES, Action, AnswerPolicy, Scored, Weights, features

L2 = 1.0


def usable(case: Case, dense: bool) -> list:
    return case.candidates if dense else [c for c in case.candidates if c.lexical > 0]


def design(cases: Sequence[Case], dense: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights: every domain weighs the same, whatever its size."""
    sizes = Counter(case.domain for case in cases)
    rows, labels, weights = [], [], []
    for case in cases:
        context = case.dense if dense else None
        candidates = usable(case, dense)
        best = max((c.lexical for c in candidates), default=0.0)
        for candidate in candidates:
            rows.append(features(candidate, best, context))
            labels.append(1.0 if candidate.faq_id == case.question.expected else 0.0)
            weights.append(1000.0 / sizes[case.domain] / len(sizes))
    return (np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(labels),
            np.array(weights))


def logistic(x: np.ndarray, y: np.ndarray, sample: np.ndarray) -> tuple[float, ...]:
    """Weighted logistic regression by Newton's method, L2 on all but the bias."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 1e-6
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (sample * (p - y)) + penalty * w
        hessian = (x * (sample * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return tuple(round(float(v), 3) for v in w)


@dataclass
class Figures:
    answerable: int = 0
    unanswerable: int = 0
    right: int = 0
    wrong: int = 0
    offered_right: int = 0  # answered right, or the right FAQ among the suggestions
    false_answers: int = 0
    offers_on_unanswerable: int = 0
    recall5: int = 0
    top1: int = 0

    def add(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(vars(self).values(), vars(other).values(),
                                                strict=True)))

    def row(self) -> dict[str, float]:
        a, u = max(1, self.answerable), max(1, self.unanswerable)
        return {"right": self.right / a, "wrong": self.wrong / a,
                "right_or_offered": self.offered_right / a,
                "false_answers": self.false_answers / u,
                "offers_on_unanswerable": self.offers_on_unanswerable / u,
                "recall@5": self.recall5 / a, "top1": self.top1 / a}


def ranked_cases(policy: AnswerPolicy, cases: Sequence[Case], dense: bool
                 ) -> list[tuple[Case, tuple[Scored, ...]]]:
    return [(case, policy.rank(usable(case, dense), case.dense if dense else None))
            for case in cases]


def measure_ranked(policy: AnswerPolicy, weights: Weights,
                   ranked: Sequence[tuple[Case, tuple[Scored, ...]]]) -> Figures:
    figures = Figures()
    for case, scored in ranked:
        decision = policy.choose(scored, weights)
        expected = case.question.expected
        if expected is None:
            figures.unanswerable += 1
            figures.false_answers += decision.action is Action.ANSWER
            figures.offers_on_unanswerable += decision.action is Action.SUGGEST
            continue
        figures.answerable += 1
        ids = [s.faq_id for s in scored]
        figures.recall5 += expected in ids[:5]
        figures.top1 += bool(ids) and ids[0] == expected
        if decision.action is Action.ANSWER:
            figures.right += decision.faq_id == expected
            figures.wrong += decision.faq_id != expected
            figures.offered_right += decision.faq_id == expected
        elif decision.action is Action.SUGGEST:
            figures.offered_right += expected in decision.suggestions
    return figures


def objective(figures: Figures) -> float:
    """What a site owner wants: right answers, and very few wrong or false ones; an offer
    that holds the right FAQ is worth much, an offer on nothing costs a little."""
    r = figures.row()
    return (r["right"] + COSTS[0] * (r["right_or_offered"] - r["right"]) - COSTS[1] * r["wrong"]
            - COSTS[2] * r["false_answers"] - COSTS[3] * r["offers_on_unanswerable"])


COSTS = tuple(float(v) for v in os.environ.get("FIT_COSTS", "0.5,3,2.5,0.3").split(","))


# Held back on the domains fitted on: false answers and wrong answers stay under these
# (below the targets of 5% and 3%, to leave room for a domain the fit has not seen).
MAX_FALSE, MAX_WRONG = 0.035, 0.02
# And offers on unanswerable questions: the labelled sets hold no small talk, so offering on
# every unsure question looks cheap to the fit, yet it shows three FAQs for "hello" and
# "thanks" (ADR 0037).
MAX_OFFERS_ON_UNANSWERABLE = 0.5


def _constrained(rows: list[dict[str, float]], unanswerable_share: float) -> float:
    """The most right answers (an offer holding the right FAQ worth half, an offer on an
    unanswerable question costing a little) with false and wrong answers, and offers on
    unanswerable questions, on average over the domains, under the limits. Gains and costs
    are per question asked: a rate among the answerable questions weighs by their share, one
    among the unanswerable by theirs (the labelled sets' own mix, about a third
    unanswerable)."""
    mean = {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
    if mean["false_answers"] > MAX_FALSE or mean["wrong"] > MAX_WRONG:
        return -1.0 - mean["false_answers"] - mean["wrong"]
    if mean["offers_on_unanswerable"] > MAX_OFFERS_ON_UNANSWERABLE:
        return -0.5 - mean["offers_on_unanswerable"]
    return ((1 - unanswerable_share)
            * (mean["right"] + COSTS[0] * (mean["right_or_offered"] - mean["right"]))
            - unanswerable_share * COSTS[3] * mean["offers_on_unanswerable"])


def policy_with(weights: Weights, dense: bool) -> AnswerPolicy:
    if dense:
        return replace(AnswerPolicy(), with_meaning=weights)
    return replace(AnswerPolicy(), lexical_only=weights)


def fit(cases: Sequence[Case], dense: bool) -> Weights:
    coefficients = logistic(*design(cases, dense))
    policy = policy_with(Weights(coefficients, 1.0, 1.0), dense)
    ranked = ranked_cases(policy, cases, dense)
    by_domain: dict[str, list] = {}
    for pair in ranked:
        by_domain.setdefault(pair[0].domain, []).append(pair)
    unanswerable_share = sum(c.question.expected is None for c in cases) / max(1, len(cases))
    best: tuple[float, Weights] | None = None
    for answer_at in np.arange(0.2, 0.96, 0.05):
        for suggest_at in np.arange(0.02, float(answer_at), 0.03):
            for margin in (0.0, 0.1, 0.2, 0.3, 0.4):
                weights = Weights(coefficients, round(float(answer_at), 2),
                                  round(float(suggest_at), 2), margin)
                # every domain counts the same
                rows = [measure_ranked(policy, weights, part).row()
                        for part in by_domain.values()]
                score = _constrained(rows, unanswerable_share)
                if best is None or score > best[0] + 1e-9:
                    best = (score, weights)
    assert best is not None
    return best[1]


def measure(weights: Weights, cases: Sequence[Case], dense: bool) -> Figures:
    policy = policy_with(weights, dense)
    return measure_ranked(policy, weights, ranked_cases(policy, cases, dense))
