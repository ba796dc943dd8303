"""Which FAQ answers a visitor's question, and how sure we are: a pure, incremental index.

Candidates come from BM25 over the words of each FAQ's question and keywords (answers count
for less), each visitor word standing for the indexed words it is a form or a one-letter typo
of, and for the concepts of the support lexicon it is a synonym of ("reserve" for "book").
The best few candidates are then scored on evidence that a person would weigh: how much of
the visitor's text the FAQ explains, how much of the FAQ's question the visitor asked,
whether one of its keywords occurs, and how much of the text no FAQ knows at all. See
docs/faq-matching.md and ADR 0018.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from domain.faq import FAQ
from domain.matching.concepts import LEXICON, ConceptLexicon, is_concept
from domain.matching.documents import FAQDocument
from domain.matching.query import Query
from domain.matching.scoring import ANSWER_WEIGHT, Evidence, evidence, word_weights
from domain.matching.statistics import CorpusStatistics
from domain.matching.vocabulary import Vocabulary

SHORTLIST = 12  # candidates scored in full; BM25 orders the rest out


@dataclass(frozen=True)
class FAQMatch:
    faq: FAQ
    confidence: float


class FAQIndex:
    """Active FAQs prepared for matching; updated per FAQ change, never rebuilt per message."""

    def __init__(self, lexicon: ConceptLexicon = LEXICON) -> None:
        self._lexicon = lexicon
        self._documents: dict[str, FAQDocument] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._vocabulary = Vocabulary()
        self._stats = CorpusStatistics()

    def put(self, faq: FAQ) -> None:
        self.discard(faq.id)
        if not faq.active:
            return
        document = FAQDocument.of(faq, self._lexicon)
        terms = document.terms()
        for term in terms:
            self._postings[term].add(faq.id)
            if not is_concept(term):
                self._vocabulary.add(term)
        self._stats.add(terms, document.length)
        self._documents[faq.id] = document

    def discard(self, faq_id: str) -> None:
        document = self._documents.pop(faq_id, None)
        if document is None:
            return
        terms = document.terms()
        for term in terms:
            self._postings[term].discard(faq_id)
            if not self._postings[term]:
                del self._postings[term]
            if not is_concept(term):
                self._vocabulary.remove(term)
        self._stats.remove(terms, document.length)

    def __len__(self) -> int:
        return len(self._documents)

    def rank(self, text: str, limit: int = 5) -> list[FAQMatch]:
        return [match for match, _ in self.explain(text, limit)]

    def explain(self, text: str, limit: int = 5) -> list[tuple[FAQMatch, Evidence]]:
        """The best matches, highest confidence first, each with the evidence behind it."""
        query = Query.parse(text, self._vocabulary, self._lexicon, self._postings.__contains__)
        weights = word_weights(query, self._stats)
        found = []
        for document in self._shortlist(query):
            weighed = evidence(document, query, weights, self._stats)
            found.append((FAQMatch(document.faq, weighed.confidence(document.faq.priority)),
                          weighed))
        found.sort(key=lambda pair: (-pair[0].confidence, -pair[0].faq.priority, pair[0].faq.id))
        return [pair for pair in found if pair[0].confidence > 0][:limit]

    def best(self, text: str, threshold: float) -> FAQMatch | None:
        ranked = self.rank(text, limit=1)
        return ranked[0] if ranked and ranked[0].confidence >= threshold else None

    def _shortlist(self, query: Query) -> list[FAQDocument]:
        """The FAQs with the best BM25 scores, each visitor word counting once per FAQ."""
        scores: dict[str, float] = defaultdict(float)
        saturation = self._stats.saturation_of_length()
        for word in query.words:
            best: dict[str, float] = {}
            for term, strength in word.matches.items():
                weight = self._stats.idf(term) * strength
                for faq_id in self._postings.get(term, ()):
                    document = self._documents[faq_id]
                    count = document.counts.get(term, 0)
                    score = weight * (saturation(count, document.length) if count
                                      else ANSWER_WEIGHT * saturation(1, document.length))
                    if score > best.get(faq_id, 0.0):
                        best[faq_id] = score
            for faq_id, score in best.items():
                scores[faq_id] += score
        if len(scores) > SHORTLIST:  # rank only those that can make the list, ties included
            cut = heapq.nlargest(SHORTLIST, scores.values())[-1]
            scores = defaultdict(float, {i: s for i, s in scores.items() if s >= cut})
        top = sorted(scores, key=lambda i: (-scores[i], -self._documents[i].faq.priority, i))
        return [self._documents[i] for i in top[:SHORTLIST]]
