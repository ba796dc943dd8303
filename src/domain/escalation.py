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
        """`keyword:<word>` or `visitor_request` when the text must go to a person, else None."""
        words = tokens(text)
        for phrase, reason in self._phrases:
            if _contains(words, phrase):
                return reason
        return None

    @cached_property
    def _phrases(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Each keyword and request, normalized once, with the reason it gives; in order."""
        return tuple((tuple(tokens(keyword)), f"keyword:{keyword}") for keyword in self.keywords
                     ) + tuple((tuple(tokens(phrase)), VISITOR_REQUEST)
                               for phrase in self.human_requests)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase occurs as consecutive words (its last word may be inflected)."""
    size = len(phrase)
    if not size:
        return False
    first, last = phrase[:-1], phrase[-1]
    for start in range(len(words) - size + 1):
        if tuple(words[start:start + size - 1]) == first \
                and matches_word(words[start + size - 1], last):
            return True
    return False


def low_confidence_reason(confidence: float) -> str:
    return f"low_confidence:{confidence:.2f}"


AI_ERROR = "ai_error"
