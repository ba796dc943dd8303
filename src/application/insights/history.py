"""The ports insights read through: the event store outside any unit of work, and (when an
embedder is configured) the meaning of visitors' questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from application.insights.gaps import Similar
from application.ports import RecordedEvent


class EventHistory(Protocol):
    """Every committed event in global position order (positions are issued in commit order,
    so a reader that tails by position never skips one)."""

    async def read_after(self, position: int, limit: int) -> list[RecordedEvent]: ...


class QuestionMeanings(Protocol):
    async def similar(self, texts: Sequence[str]) -> Similar | None:
        """Which group's leading wording each text means the same as, by the embedder;
        None when the embedder is unavailable (grouping falls back on words)."""
        ...
