"""One transaction: load aggregates from their streams, append what they recorded, project, commit.

Only after the commit are the new events handed to the publisher and to the message bus.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any, Self, TypeVar

from application.ports import EventStore, Publisher, RecordedEvent
from domain.base import Aggregate
from domain.chat_session import ChatSession, stream_id_for
from domain.faq_catalog import CATALOG_STREAM, FAQCatalog
from domain.queue import QUEUE_STREAM, Queue

A = TypeVar("A", bound=Aggregate)

OnCommit = Callable[[Sequence[RecordedEvent]], None]


class AbstractUnitOfWork(abc.ABC):
    events: EventStore

    def __init__(self, publisher: Publisher, on_commit: OnCommit | None = None) -> None:
        self._publisher = publisher
        self._on_commit = on_commit
        self._seen: dict[str, Aggregate] = {}
        self._committed = False
        self.metadata: dict[str, Any] = {}

    async def __aenter__(self) -> Self:
        self._seen = {}
        self._committed = False
        await self._begin()
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if not self._committed:
                await self._rollback()
        finally:
            await self._end()

    # -- repositories -----------------------------------------------------------------------

    async def load(self, kind: type[A], stream_id: str) -> A | None:
        history = await self.events.read_stream(stream_id)
        if not history:
            return None
        aggregate = kind.rehydrate(stream_id, (r.event for r in history))
        self._seen[stream_id] = aggregate
        return aggregate

    def add(self, aggregate: Aggregate) -> None:
        self._seen[aggregate.id] = aggregate

    async def session(self, session_key: str) -> ChatSession | None:
        return await self.load(ChatSession, stream_id_for(session_key))

    async def queue(self) -> Queue:
        queue = await self.load(Queue, QUEUE_STREAM)
        if queue is None:
            queue = Queue()
            self.add(queue)
        return queue

    async def catalog(self) -> FAQCatalog:
        catalog = await self.load(FAQCatalog, CATALOG_STREAM)
        if catalog is None:
            catalog = FAQCatalog()
            self.add(catalog)
        return catalog

    # -- transaction ------------------------------------------------------------------------

    async def commit(self) -> list[RecordedEvent]:
        recorded: list[RecordedEvent] = []
        for aggregate in self._seen.values():
            if aggregate.pending_events:
                recorded += await self.events.append(
                    aggregate.id, aggregate.persisted_version, aggregate.pending_events,
                    self.metadata,
                )
        await self._project(recorded)
        await self._commit()
        self._committed = True
        for aggregate in self._seen.values():
            aggregate.mark_persisted()
        if recorded:
            if self._on_commit is not None:  # before publishing, which may be interrupted
                self._on_commit(recorded)
            await self._publisher.publish(recorded)
        return recorded

    @abc.abstractmethod
    async def _begin(self) -> None: ...

    @abc.abstractmethod
    async def _project(self, recorded: Sequence[RecordedEvent]) -> None: ...

    @abc.abstractmethod
    async def _commit(self) -> None: ...

    @abc.abstractmethod
    async def _rollback(self) -> None: ...

    async def _end(self) -> None:  # noqa: B027 - optional hook, most stores need nothing
        """Release the connection; called after commit or rollback."""


UnitOfWorkFactory = Callable[[OnCommit | None], AbstractUnitOfWork]
