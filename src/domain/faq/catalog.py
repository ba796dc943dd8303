"""The FAQCatalog aggregate: the answers the bot may give instantly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import singledispatchmethod
from typing import ClassVar

from domain.base import Aggregate, DomainEvent
from domain.errors import DuplicateFAQ, FAQNotFound
from domain.faq import FAQ, FAQContent

CATALOG_STREAM = "faq-catalog"


@dataclass(frozen=True)
class FAQAdded(DomainEvent):
    SCHEMA_VERSION: ClassVar[int] = 2  # v2: the content as one record (v1 spelt its fields)
    faq_id: str
    content: FAQContent
    at: datetime


@dataclass(frozen=True)
class FAQUpdated(DomainEvent):
    SCHEMA_VERSION: ClassVar[int] = 2  # v2: the content as one record (v1 spelt its fields)
    faq_id: str
    content: FAQContent
    at: datetime


@dataclass(frozen=True)
class FAQDeactivated(DomainEvent):
    faq_id: str
    at: datetime


@dataclass(frozen=True)
class FAQRemoved(DomainEvent):
    faq_id: str
    at: datetime


class FAQCatalog(Aggregate):
    def __init__(self, aggregate_id: str = CATALOG_STREAM) -> None:
        super().__init__(aggregate_id)
        self._faqs: dict[str, FAQ] = {}

    def add(self, faq_id: str, content: FAQContent, at: datetime) -> FAQ:
        if faq_id in self._faqs:
            raise DuplicateFAQ(f"FAQ {faq_id} already exists")
        self._record(FAQAdded(faq_id, content, at))
        return self._faqs[faq_id]

    def update(self, faq_id: str, content: FAQContent, at: datetime) -> FAQ:
        self._require(faq_id)
        if self._faqs[faq_id].content != content:
            self._record(FAQUpdated(faq_id, content, at))
        return self._faqs[faq_id]

    def deactivate(self, faq_id: str, at: datetime) -> FAQ:
        if self._require(faq_id).active:
            self._record(FAQDeactivated(faq_id=faq_id, at=at))
        return self._faqs[faq_id]

    def remove(self, faq_id: str, at: datetime) -> None:
        self._require(faq_id)
        self._record(FAQRemoved(faq_id=faq_id, at=at))

    def get(self, faq_id: str) -> FAQ | None:
        return self._faqs.get(faq_id)

    @property
    def faqs(self) -> list[FAQ]:
        return list(self._faqs.values())

    def _require(self, faq_id: str) -> FAQ:
        if faq_id not in self._faqs:
            raise FAQNotFound(f"no FAQ {faq_id}")
        return self._faqs[faq_id]

    @singledispatchmethod
    def _apply(self, event: DomainEvent) -> None:
        raise TypeError(f"FAQCatalog cannot apply {type(event).__name__}")

    @_apply.register
    def _(self, event: FAQAdded) -> None:
        self._faqs[event.faq_id] = event.content.with_id(event.faq_id)

    @_apply.register
    def _(self, event: FAQUpdated) -> None:
        self._faqs[event.faq_id] = event.content.with_id(event.faq_id)

    @_apply.register
    def _(self, event: FAQDeactivated) -> None:
        self._faqs[event.faq_id] = self._faqs[event.faq_id].deactivated()

    @_apply.register
    def _(self, event: FAQRemoved) -> None:
        del self._faqs[event.faq_id]

