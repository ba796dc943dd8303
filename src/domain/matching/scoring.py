"""How well one FAQ fits one query, as evidence and as a calibrated confidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.matching.documents import FAQDocument
from domain.matching.lexicon import QUALIFIERS, QUESTION_WORDS
from domain.matching.query import Query, QueryWord
from domain.matching.statistics import CorpusStatistics

ANSWER_WEIGHT = 0.4  # a word only the answer holds is weaker evidence than one in the question
APART = 0.85  # a keyword whose words are all there, but not as written
QUALIFIER_WEIGHT = 0.3  # of a word like "tomorrow" that no FAQ holds, against its rarity
QUESTION_WEIGHT = 0.3  # of a question word: "where" tells an address from hours, but an FAQ
# worded "How do I ..." still answers "what's the way to ..."
PRIORITY_BOOST = 0.03  # the most a priority can add to (or take from) a confidence
# Logistic calibration fitted on the tuning part of eval/ by bench/faq_matching/calibrate.py,
# on each question's best-ranked FAQ, a wrong answer weighing 4 times a right one: a
# confidence of 0.5 means the odds that this FAQ answers the visitor are about 4 to 1.
BIAS = -3.50
WEIGHTS = (3.39, 1.16, 2.37, 1.85, -3.61)


@dataclass(frozen=True)
class Evidence:
    query_coverage: float  # share of the visitor's words (by rarity) that the FAQ holds
    faq_coverage: float  # share of the FAQ question's words (by rarity) the visitor used
    keyword_coverage: float  # share of the visitor's words inside one of the FAQ's keywords
    keyword: float  # how well the best keyword phrase occurs in the text, 0 if none does
    # share of the visitor's words (by rarity) that no FAQ holds: a question about something
    # the catalog never mentions ("rabies vaccine") is likely one no FAQ answers
    unknown: float = 0.0

    def confidence(self, priority: int) -> float:
        features = (self.query_coverage, self.faq_coverage, self.keyword_coverage, self.keyword,
                    self.unknown)
        z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features, strict=True))
        boost = PRIORITY_BOOST * priority / (abs(priority) + 10)
        return round(min(1.0, max(0.0, 1 / (1 + math.exp(-z)) + boost)), 4)


def word_weights(query: Query, stats: CorpusStatistics) -> list[float]:
    """How telling each of the visitor's words is: the rarity of the term it stands for."""
    return [_rarity(w, stats) * _weight(w) for w in query.words]


def _rarity(word: QueryWord, stats: CorpusStatistics) -> float:
    """The rarity of the term the word most surely is; of equally sure terms the commonest,
    so that neither the order FAQs were added in nor their edits change a weight."""
    if not word.matches:
        return stats.idf(None)
    surest = max(word.matches.values())
    return min(stats.idf(term) for term, strength in word.matches.items() if strength == surest)


def _weight(word: QueryWord) -> float:
    if word.text in QUESTION_WORDS:
        return QUESTION_WEIGHT
    return QUALIFIER_WEIGHT if word.text in QUALIFIERS and not word.matches else 1.0


def evidence(document: FAQDocument, query: Query, weights: list[float],
             stats: CorpusStatistics) -> Evidence:
    total = sum(weights) or 1.0
    covered = sum(weight * word_strength(document, word.matches)[1]
                  for weight, word in zip(weights, query.words, strict=True))
    strength, inside = _keywords(document, query)
    in_keywords = sum(weight * inside.get(word.text, 0.0)
                      for weight, word in zip(weights, query.words, strict=True))
    unknown = sum(weight for weight, word in zip(weights, query.words, strict=True)
                  if not word.matches)
    return Evidence(covered / total, _faq_coverage(document, query, stats),
                    in_keywords / total, strength, unknown / total)


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
        covered += weight * _surest(term, query, document)[0]
    return covered / total if total else 0.0


def _keywords(document: FAQDocument, query: Query) -> tuple[float, dict[str, float]]:
    """The best keyword's strength, and the visitor's words that make up keywords.

    A keyword counts fully when it occurs as written, and a little less when its words are
    all there but apart or reordered ("نوبتمو چطور لغو کنم" holds "لغو نوبت").
    """
    best = 0.0
    inside: dict[str, float] = {}
    for keyword in document.keywords:
        found = [_surest(word, query, document) for word in keyword.content]
        strength = min(found)[0] if found else 0.0
        if strength and len(keyword.words) > 1 and not _written_as_is(keyword.words,
                                                                      query.tokens):
            strength *= APART
        best = max(best, strength)
        for text in (t for s, t in found) if strength else ():
            inside[text] = max(inside.get(text, 0.0), strength)
    return best, inside


def _written_as_is(words: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    size = len(words)
    return any(tokens[i:i + size] == words for i in range(len(tokens) - size + 1))


_NOTHING = (0.0, "")


def _surest(word: str, query: Query, document: FAQDocument) -> tuple[float, str]:
    """The visitor's word that is surest to be the FAQ's word (itself, a form of it, or a
    synonym), and how sure."""
    best = query.best.get(word, _NOTHING)
    for concept in document.concepts.get(word, ()):
        found = query.best.get(concept, _NOTHING)
        if found > best:
            best = found
    return best
