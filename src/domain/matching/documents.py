"""An FAQ as the matcher sees it: its words by field, computed once when the FAQ is put."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.faq import FAQ
from domain.matching.lexicon import WRITTEN, content_words
from domain.text import tokens


@dataclass(frozen=True)
class Keyword:
    words: tuple[str, ...]  # as written, in written form
    content: tuple[str, ...]  # the words that carry meaning

    @classmethod
    def of(cls, text: str) -> Keyword:
        words = tuple(WRITTEN.get(w, w) for w in tokens(text))
        return cls(words, tuple(content_words(list(words))) or words)


@dataclass(frozen=True)
class FAQDocument:
    faq: FAQ
    question: tuple[str, ...]  # distinct content words of the question
    keywords: tuple[Keyword, ...]
    answer: frozenset[str]  # content words of the answer: weaker evidence
    counts: Counter[str]  # question and keyword words with their frequency, for BM25
    length: int  # words counted, for BM25's length normalization

    @classmethod
    def of(cls, faq: FAQ) -> FAQDocument:
        question = tuple(dict.fromkeys(content_words(tokens(faq.question))))
        phrases = tuple(k for k in map(Keyword.of, faq.keywords) if k.words)
        counts = Counter(question)
        for phrase in phrases:
            counts.update(phrase.content)
        answer = frozenset(content_words(tokens(faq.answer))) - counts.keys()
        if question:  # the question is one more keyword, so FAQs need no keywords to match
            phrases += (Keyword.of(faq.question),)
        return cls(faq, question, phrases, answer, counts, sum(counts.values()))

    def terms(self) -> set[str]:
        return set(self.counts) | self.answer

