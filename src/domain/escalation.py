"""When a conversation must go to a person instead of the bot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.text import contains_phrase, tokens

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
        for keyword in self.keywords:
            if contains_phrase(words, keyword):
                return f"keyword:{keyword}"
        for phrase in self.human_requests:
            if contains_phrase(words, phrase):
                return VISITOR_REQUEST
        return None


def low_confidence_reason(confidence: float) -> str:
    return f"low_confidence:{confidence:.2f}"


AI_ERROR = "ai_error"
