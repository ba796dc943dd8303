"""Unit of work over the in-memory log and read models."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.memory.event_store import InMemoryEventLog, InMemoryEventWriter
from adapters.memory.read_models import InMemoryReadModels
from application.ports import Append, Publisher, RecordedEvent
from application.unit_of_work import AbstractUnitOfWork, OnCommit


class InMemoryUnitOfWork(AbstractUnitOfWork):
    def __init__(self, log: InMemoryEventLog, read_models: InMemoryReadModels,
                 publisher: Publisher, on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self.events = log
        self._writer = InMemoryEventWriter(log, read_models)

    async def _write(self, appends: Sequence[Append]) -> list[RecordedEvent]:
        return await self._writer.write(appends, self.metadata)
