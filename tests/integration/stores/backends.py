"""The backends every store contract test runs against."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import pytest

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.event_store import InMemoryEventLog, InMemoryEventWriter
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.sql.agents import SqlAgentAccounts
from adapters.sql.database import Database
from adapters.sql.read_models import SqlReadModels
from adapters.sql.unit_of_work import SqlUnitOfWork
from application.ports import AgentAccounts, Append, EventWriter, ReadModels, RecordedEvent
from application.unit_of_work import AbstractUnitOfWork, OnCommit

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SQL_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Backend:
    name: str
    make_uow: Callable[[OnCommit | None], AbstractUnitOfWork]
    read_models: ReadModels
    agents: AgentAccounts
    publisher: InProcessPubSub
    tail: Callable[[int], Awaitable[list[RecordedEvent]]]
    """read_all outside any writer's transaction, as a projection or live reader would."""
    writer: EventWriter
    """The backend's one append path, the one its units of work commit through."""
    db: Database | None = None

    async def write(self, appends: Sequence[Append], metadata: dict[str, object]
                    ) -> list[RecordedEvent]:
        return await self.writer.write(appends, dict(metadata))

    def uow(self, on_commit: OnCommit | None = None) -> AbstractUnitOfWork:
        return self.make_uow(on_commit)


def memory_backend() -> Backend:
    log, read_models, publisher = InMemoryEventLog(), InMemoryReadModels(), InProcessPubSub()

    async def tail(after: int) -> list[RecordedEvent]:
        return await log.read_all(after)

    def uow(on_commit: OnCommit | None = None) -> AbstractUnitOfWork:
        return InMemoryUnitOfWork(log, read_models, publisher, on_commit)

    return Backend("memory", uow, read_models, InMemoryAgentAccounts(), publisher, tail,
                   InMemoryEventWriter(log, read_models))


def sql_backend(name: str, db: Database) -> Backend:
    publisher = InProcessPubSub()

    async def tail(after: int) -> list[RecordedEvent]:
        async with db.read_unbounded() as conn:
            return await db.event_store(conn).read_all(after)

    def uow(on_commit: OnCommit | None = None) -> AbstractUnitOfWork:
        return SqlUnitOfWork(db, publisher, on_commit)

    return Backend(name, uow, SqlReadModels(db), SqlAgentAccounts(db), publisher, tail,
                   db.committer, db)
