"""The insights' ports over a list of recorded events and a fixed catalog."""

from __future__ import annotations

from application.ports import RecordedEvent
from domain.faq import FAQ


class ListedHistory:
    def __init__(self, records: list[RecordedEvent]) -> None:
        self.records = records
        self.asked_after: list[int] = []

    async def read_after(self, position: int, limit: int) -> list[RecordedEvent]:
        self.asked_after.append(position)
        return [r for r in self.records if r.position > position][:limit]


class FixedCatalog:
    def __init__(self, faqs: list[FAQ]) -> None:
        self.faqs = faqs

    async def active_faqs(self) -> list[FAQ]:
        return [faq for faq in self.faqs if faq.active]
