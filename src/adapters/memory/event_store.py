"""An event store in a Python list, with the same contract as the SQL stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from application.ports import ConcurrencyError, RecordedEvent
from domain.base import DomainEvent


class InMemoryEventLog:
    """The committed log shared by every unit of work of one process."""

    def __init__(self) -> None:
        self.records: list[RecordedEvent] = []
        self.versions: dict[str, int] = {}
        self.streams: dict[str, list[RecordedEvent]] = {}

    def truncate(self, length: int) -> None:
        for recorded in self.records[length:]:
            self.streams[recorded.stream_id].pop()
            self.versions[recorded.stream_id] -= 1
        del self.records[length:]


class InMemoryEventStore:
    """A transaction's view of the log. Appends apply at once and are undone on rollback;
    nothing awaits in between, so no other task can see them before the commit."""

    def __init__(self, log: InMemoryEventLog) -> None:
        self._log = log
        self._appended = 0

    def rollback(self) -> None:
        """Undo this transaction's appends, which are still the tail of the log."""
        if self._appended:
            self._log.truncate(len(self._log.records) - self._appended)
            self._appended = 0

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        return list(self._log.streams.get(stream_id, ()))

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent],
        metadata: dict[str, Any],
    ) -> list[RecordedEvent]:
        current = self._log.versions.get(stream_id, 0)
        if current != expected_version:
            raise ConcurrencyError.behind(stream_id, current, expected_version)
        now = datetime.now(UTC)
        recorded = [
            RecordedEvent(len(self._log.records) + i + 1, stream_id, expected_version + i + 1,
                          event, now, dict(metadata))
            for i, event in enumerate(events)
        ]
        self._log.records.extend(recorded)
        self._log.streams.setdefault(stream_id, []).extend(recorded)
        self._log.versions[stream_id] = expected_version + len(events)
        self._appended += len(recorded)
        return recorded

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return self._log.records[after_position:after_position + limit]
