"""The in-memory event log read by position, for insights."""

from __future__ import annotations

from adapters.memory.event_store import InMemoryEventLog
from application.ports import RecordedEvent


class InMemoryEventHistory:
    def __init__(self, log: InMemoryEventLog) -> None:
        self._log = log

    async def read_after(self, position: int, limit: int) -> list[RecordedEvent]:
        return self._log.records[position:position + limit]  # position n is records[n - 1]
