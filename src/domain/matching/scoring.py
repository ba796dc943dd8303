"""How well one FAQ fits one query, as evidence and as a calibrated confidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.matching.documents import FAQDocument
from domain.matching.lexicon import WRITTEN
from domain.matching.query import Query
from domain.matching.statistics import CorpusStatistics

ANSWER_WEIGHT = 0.4  # a word only the answer holds is weaker evidence than one in the question
APART = 0.85  # a keyword whose words are all there, but not as written
PRIORITY_BOOST = 0.03  # the most a priority can add to (or take from) a confidence
# Logistic calibration fitted on the tuning half of eval/ by bench/faq_matching/calibrate.py,
# with wrong answers weighing 1.5 times right ones: a confidence of 0.5 means the odds that
# this FAQ answers the visitor are about 3 to 2 (a 60% chance).
BIAS = -6.42
WEIGHTS = (5.16, 2.71, 2.46, 2.38)


@dataclass(frozen=True)
class Evidence:
    query_coverage: float  # share of the visitor's words (by rarity) that the FAQ holds
    faq_coverage: float  # share of the FAQ question's words (by rarity) the visitor used
    keyword_coverage: float  # share of the visitor's words inside one of the FAQ's keywords
    keyword: float  # how well the best keyword phrase occurs in the text, 0 if none does

    def confidence(self, priority: int) -> float:
        features = (self.query_coverage, self.faq_coverage, self.keyword_coverage, self.keyword)
        z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features, strict=True))
        boost = PRIORITY_BOOST * priority / (abs(priority) + 10)
        return round(min(1.0, max(0.0, 1 / (1 + math.exp(-z)) + boost)), 4)


def word_weights(query: Query, stats: CorpusStatistics) -> list[float]:
    """How telling each of the visitor's words is: the rarity of the term it stands for."""
    return [stats.idf(max(w.matches, key=w.matches.__getitem__, default=None))
            for w in query.words]


def evidence(document: FAQDocument, query: Query, weights: list[float],
             stats: CorpusStatistics) -> Evidence:
    total = sum(weights) or 1.0
    covered = sum(weight * word_strength(document, word.matches)[1]
                  for weight, word in zip(weights, query.words, strict=True))
    strength, inside = _keywords(document, query)
    in_keywords = sum(weight * inside.get(word.text, 0.0)
                      for weight, word in zip(weights, query.words, strict=True))
    return Evidence(covered / total, _faq_coverage(document, query, stats),
                    in_keywords / total, strength)


def word_strength(document: FAQDocument, matches: dict[str, float]) -> tuple[str | None, float]:
    """The document term a query word best stands for, and how strongly."""
    best_term, best = None, 0.0
    for term, strength in matches.items():
        if term not in document.counts:
            if term not in document.answer:
                continue
            strength *= ANSWER_WEIGHT
        if strength > best:
            best_term, best = term, strength
    return best_term, best


def _faq_coverage(document: FAQDocument, query: Query, stats: CorpusStatistics) -> float:
    total = covered = 0.0
    for term in document.question:
        weight = stats.idf(term)
        total += weight
        covered += weight * max((w.matches.get(term, 0.0) for w in query.words), default=0.0)
    return covered / total if total else 0.0


def _keywords(document: FAQDocument, query: Query) -> tuple[float, dict[str, float]]:
    """The best keyword's strength, and the visitor's words that make up keywords.

    A keyword counts fully when it occurs as written, and a little less when its words are
    all there but apart or reordered ("نوبتمو چطور لغو کنم" holds "لغو نوبت").
    """
    tokens = tuple(WRITTEN.get(t, t) for t in query.tokens)
    best = 0.0
    inside: dict[str, float] = {}
    for keyword in document.keywords:
        found: list[tuple[float, str]] = []
        for word in keyword.content:
            found.append(max(((_same(w.text, word, w.matches), w.text) for w in query.words),
                             default=(0.0, "")))
        strength = min(found)[0] if found else 0.0
        if strength and len(keyword.words) > 1 and not _written_as_is(keyword.words, tokens):
            strength *= APART
        best = max(best, strength)
        for text in (t for s, t in found) if strength else ():
            inside[text] = max(inside.get(text, 0.0), strength)
    return best, inside


def _written_as_is(words: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    size = len(words)
    return any(tokens[i:i + size] == words for i in range(len(tokens) - size + 1))


def _same(text: str, word: str, matches: dict[str, float]) -> float:
    return 1.0 if text == word else matches.get(word, 0.0)
