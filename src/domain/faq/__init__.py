"""An FAQ entry and the rules that make it valid: `FAQContent`, the one record of an FAQ's fields
(ADR 0048), and `FAQ`, an id and its content. The catalog aggregate and its events are in
`domain.faq.catalog`."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from domain.errors import InvalidFAQ
from domain.text import unstorable

MAX_QUESTION = 500
MAX_ANSWER = 4000
MAX_CATEGORY = 100
MAX_KEYWORDS = 50
MAX_KEYWORD = 100
PRIORITY_RANGE = (-1000, 1000)


@dataclass(frozen=True)
class FAQContent:
    """Everything about an FAQ but its id, validated on construction: the one record of an
    FAQ's fields, carried by commands, events and views alike."""

    question: str
    answer: str
    keywords: tuple[str, ...] = ()
    category: str = ""
    priority: int = 0
    active: bool = True

    def __post_init__(self) -> None:
        question = _required_text("question", self.question, MAX_QUESTION)
        category = _optional_text("category", self.category, MAX_CATEGORY)
        object.__setattr__(self, "question", question)
        object.__setattr__(self, "answer", _required_text("answer", self.answer, MAX_ANSWER))
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "keywords", _keywords(self.keywords))
        _check_priority(self.priority)
        if not isinstance(self.active, bool):
            raise InvalidFAQ("active", "must be true or false")

    def with_id(self, faq_id: str) -> FAQ:
        return FAQ(faq_id, self)


@dataclass(frozen=True)
class FAQ:
    """An FAQ of the catalog: its id and its content, whose fields read through."""

    id: str
    content: FAQContent

    @property
    def question(self) -> str:
        return self.content.question

    @property
    def answer(self) -> str:
        return self.content.answer

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.content.keywords

    @property
    def category(self) -> str:
        return self.content.category

    @property
    def priority(self) -> int:
        return self.content.priority

    @property
    def active(self) -> bool:
        return self.content.active

    def edited(self, **changes: Any) -> FAQ:
        """The same FAQ with some fields changed (and checked again)."""
        return FAQ(self.id, replace(self.content, **changes))

    def deactivated(self) -> FAQ:
        return self.edited(active=False)


CONTENT_FIELDS = tuple(f.name for f in fields(FAQContent))
"""The names of an FAQ's fields besides its id, in the order files and tables list them."""


def _not_storable(value: str) -> str | None:
    why = unstorable(value)
    return None if why is None else f"must be storable Unicode text ({why})"


def _required_text(field: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidFAQ(field, "must be text")
    if (why := _not_storable(value)) is not None:
        raise InvalidFAQ(field, why)
    value = value.strip()
    if not value:
        raise InvalidFAQ(field, "must not be empty")
    if len(value) > limit:
        raise InvalidFAQ(field, f"must be at most {limit} characters")
    return value


def _optional_text(field: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidFAQ(field, "must be text")
    if (why := _not_storable(value)) is not None:
        raise InvalidFAQ(field, why)
    value = value.strip()
    if len(value) > limit:
        raise InvalidFAQ(field, f"must be at most {limit} characters")
    return value


def _keywords(values: object) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise InvalidFAQ("keywords", "must be a list of words")
    if len(values) > MAX_KEYWORDS:
        raise InvalidFAQ("keywords", f"must hold at most {MAX_KEYWORDS} entries")
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise InvalidFAQ("keywords", "every keyword must be non-empty text")
        if (why := _not_storable(value)) is not None:
            raise InvalidFAQ("keywords", f"every keyword {why}")
        if len(value.strip()) > MAX_KEYWORD:
            raise InvalidFAQ("keywords", f"every keyword must be at most {MAX_KEYWORD} characters")
        if value.strip() not in cleaned:
            cleaned.append(value.strip())
    return tuple(cleaned)


def _check_priority(priority: object) -> None:
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise InvalidFAQ("priority", "must be a whole number")
    low, high = PRIORITY_RANGE
    if not low <= priority <= high:
        raise InvalidFAQ("priority", f"must be between {low} and {high}")
