"""Unit of work over the in-memory log and read models."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.memory.event_store import InMemoryEventLog, InMemoryEventStore
from adapters.memory.read_models import InMemoryReadModels
from application.ports import Publisher, RecordedEvent
from application.projections import project
from application.unit_of_work import AbstractUnitOfWork, OnCommit


class InMemoryUnitOfWork(AbstractUnitOfWork):
    def __init__(self, log: InMemoryEventLog, read_models: InMemoryReadModels,
                 publisher: Publisher, on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self._log = log
        self._read_models = read_models

    async def _begin(self) -> None:
        self.events = InMemoryEventStore(self._log)
        self._store = self.events

    async def _project(self, recorded: Sequence[RecordedEvent]) -> None:
        await project(self._read_models, recorded)

    async def _commit(self) -> None:
        pass

    async def _rollback(self) -> None:
        self._store.rollback()
