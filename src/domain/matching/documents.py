"""An FAQ as the matcher sees it: its words by field, computed once when the FAQ is put."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from domain.faq import FAQ
from domain.matching.concepts import ConceptLexicon
from domain.matching.lexicon import content_words, written
from domain.text import tokens


@dataclass(frozen=True)
class Keyword:
    words: tuple[str, ...]  # as written, in written form
    content: tuple[str, ...]  # the words that carry meaning

    @classmethod
    def of(cls, text: str) -> Keyword:
        words = tuple(map(written, tokens(text)))
        return cls(words, tuple(content_words(list(words))) or words)


@dataclass(frozen=True)
class FAQDocument:
    faq: FAQ
    question: tuple[str, ...]  # distinct content words of the question
    keywords: tuple[Keyword, ...]
    answer: frozenset[str]  # content words and concepts of the answer: weaker evidence
    counts: Counter[str]  # question and keyword words and concepts, for BM25
    length: int  # words counted, for BM25's length normalization
    # the concepts each question or keyword word stands for ("book" -> "~book")
    concepts: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, faq: FAQ, lexicon: ConceptLexicon) -> FAQDocument:
        question = tuple(dict.fromkeys(content_words(tokens(faq.question))))
        phrases = tuple(k for k in map(Keyword.of, faq.keywords) if k.words)
        counts = Counter(question)
        for phrase in phrases:
            counts.update(phrase.content)
        length = sum(counts.values())
        if question:  # the question is one more keyword, so FAQs need no keywords to match
            phrases += (Keyword.of(faq.question),)
        concepts: dict[str, set[str]] = {}
        for phrase in phrases:
            for word, found in lexicon.annotate(phrase.words).items():
                concepts.setdefault(word, set()).update(found)
        counts.update({c for found in concepts.values() for c in found})
        answer_words = list(map(written, tokens(faq.answer)))
        answer = (set(content_words(answer_words))
                  | {c for found in lexicon.annotate(answer_words).values() for c in found})
        return cls(faq, question, phrases, frozenset(answer - counts.keys()), counts, length,
                   {w: frozenset(c) for w, c in concepts.items()})

    def terms(self) -> set[str]:
        return set(self.counts) | self.answer
