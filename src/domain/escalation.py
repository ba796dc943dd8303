"""When a conversation must go to a person instead of the bot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from domain.text import matches_word, tokens

DEFAULT_KEYWORDS = ("شکایت", "پرداخت", "لغو", "مشکل", "مدیر", "پشتیبانی")

HUMAN_REQUESTS = (
    "human", "a person", "real person", "live agent", "an agent", "operator", "representative",
    "talk to someone", "speak to someone",
    "اپراتور", "کارشناس", "انسان", "آدم واقعی", "نماینده",
)

VISITOR_REQUEST = "visitor_request"


@dataclass(frozen=True)
class EscalationPolicy:
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    human_requests: tuple[str, ...] = HUMAN_REQUESTS

    @classmethod
    def with_keywords(cls, keywords: Iterable[str]) -> EscalationPolicy:
        return cls(keywords=tuple(k.strip() for k in keywords if k.strip()))

    def reason_for(self, text: str) -> str | None:
        """`keyword:<word>` or `visitor_request` when the text must go to a person, else None.

        When several phrases occur, the first in order wins (keywords before requests). Each
        word of the text is tried only against the phrases that start with its first letter:
        this runs for every visitor message."""
        words = tokens(text)
        found: tuple[int, str] | None = None
        for start, word in enumerate(words):
            for order, phrase, reason in self._by_initial.get(word[:1], ()):
                if (found is None or order < found[0]) and _occurs_at(words, start, phrase):
                    found = (order, reason)
        return None if found is None else found[1]

    @cached_property
    def _phrases(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Each keyword and request, normalized once, with the reason it gives; in order."""
        return tuple((tuple(tokens(keyword)), f"keyword:{keyword}") for keyword in self.keywords
                     ) + tuple((tuple(tokens(phrase)), VISITOR_REQUEST)
                               for phrase in self.human_requests)

    @cached_property
    def _by_initial(self) -> dict[str, tuple[tuple[int, tuple[str, ...], str], ...]]:
        """The phrases by the first letter of their first word, each with its place in order."""
        grouped: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
        for order, (phrase, reason) in enumerate(self._phrases):
            if phrase:
                grouped.setdefault(phrase[0][:1], []).append((order, phrase, reason))
        return {initial: tuple(entries) for initial, entries in grouped.items()}


def _occurs_at(words: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's words start at words[start] (its last word may be inflected)."""
    end = start + len(phrase) - 1
    if end >= len(words):
        return False
    for offset in range(len(phrase) - 1):
        if words[start + offset] != phrase[offset]:
            return False
    return matches_word(words[end], phrase[-1])


def low_confidence_reason(confidence: float) -> str:
    return f"low_confidence:{confidence:.2f}"


AI_ERROR = "ai_error"
