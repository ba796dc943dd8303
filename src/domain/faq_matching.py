"""Which FAQ answers a visitor's question, and how sure we are: a pure, incremental index."""

from __future__ import annotations

from dataclasses import dataclass

from domain.faq import FAQ
from domain.text import contains_phrase, matches_word, tokens

_ENGLISH_STOPWORDS = """
a an the is are am do does did i you we to of for in on at my your our can could how what
when where which who why it be with and or me please there this that have has
"""
_PERSIAN_STOPWORDS = """
از به با در که را این آن است هست چه چی چطور چگونه کی کجا من ما شما یک برای و یا هم
آیا ایا میشه میتوانم میتونم دارید دارم باید
"""
STOPWORDS = frozenset((_ENGLISH_STOPWORDS + _PERSIAN_STOPWORDS).split())


@dataclass(frozen=True)
class FAQMatch:
    faq: FAQ
    confidence: float


@dataclass(frozen=True)
class _Entry:
    faq: FAQ
    question_words: tuple[str, ...]


class FAQIndex:
    """Active FAQs prepared for matching; updated per FAQ change, never rebuilt per message."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def put(self, faq: FAQ) -> None:
        if not faq.active:
            self.discard(faq.id)
            return
        words = tuple(w for w in dict.fromkeys(tokens(faq.question)) if w not in STOPWORDS)
        self._entries[faq.id] = _Entry(faq, words)

    def discard(self, faq_id: str) -> None:
        self._entries.pop(faq_id, None)

    def __len__(self) -> int:
        return len(self._entries)

    def rank(self, text: str, limit: int = 5) -> list[FAQMatch]:
        words = tokens(text)
        scored = [FAQMatch(e.faq, _confidence(e, words)) for e in self._entries.values()]
        scored = [m for m in scored if m.confidence > 0]
        scored.sort(key=lambda m: (m.confidence, m.faq.priority), reverse=True)
        return scored[:limit]

    def best(self, text: str, threshold: float) -> FAQMatch | None:
        ranked = self.rank(text, limit=1)
        return ranked[0] if ranked and ranked[0].confidence >= threshold else None


def _confidence(entry: _Entry, words: list[str]) -> float:
    hits = sum(1 for keyword in entry.faq.keywords if contains_phrase(words, keyword))
    keyword_score = min(1.0, 0.55 * hits)
    content = [w for w in words if w not in STOPWORDS]
    if entry.question_words and content:
        found = sum(1 for q in entry.question_words if any(matches_word(w, q) for w in content))
        overlap = found / len(entry.question_words)
    else:
        overlap = 0.0
    return round(1 - (1 - keyword_score) * (1 - overlap), 4)
