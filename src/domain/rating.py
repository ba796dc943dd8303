"""The visitor's rating of a conversation with a person, once it is over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import NotRatable
from domain.text import unstorable

LOWEST, HIGHEST = 1, 5
MAX_COMMENT_LENGTH = 1000


@dataclass(frozen=True)
class Rating:
    score: int
    comment: str | None
    at: datetime


def clean_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
        raise NotRatable(f"score must be a whole number from {LOWEST} to {HIGHEST}")
    return score


def clean_comment(comment: str | None) -> str | None:
    """The trimmed comment; nothing but spaces is no comment."""
    trimmed = (comment or "").strip()
    if not trimmed:
        return None
    if len(trimmed) > MAX_COMMENT_LENGTH:
        raise NotRatable(f"comment must be at most {MAX_COMMENT_LENGTH} characters")
    if (why := unstorable(trimmed)) is not None:
        raise NotRatable(f"comment must be storable Unicode text ({why})")
    return trimmed
