"""One transaction: load aggregates from their streams, append what they recorded, project, commit.

Only after the commit are the new events handed to the publisher and to the message bus.
The port is application.ports.UnitOfWork; this is the part every store shares, and a store
adds its own append path (`_write`) and, if it likes, its optimisations (the SQL store's
live in adapters.sql.unit_of_work).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any, Self, TypeVar

from application.ports import Append, EventStore, Publisher, RecordedEvent, UnitOfWork
from domain.base import Aggregate
from domain.chat_session import ChatSession, stream_id_for
from domain.faq.catalog import CATALOG_STREAM, FAQCatalog
from domain.queue import QUEUE_STREAM, Queue

A = TypeVar("A", bound=Aggregate)

OnCommit = Callable[[Sequence[RecordedEvent]], None]


class AbstractUnitOfWork(abc.ABC):
    events: EventStore

    def __init__(self, publisher: Publisher, on_commit: OnCommit | None = None) -> None:
        self._publisher = publisher
        self._on_commit = on_commit
        self._seen: dict[str, Aggregate] = {}
        self.metadata: dict[str, Any] = {}

    async def __aenter__(self) -> Self:
        self._seen = {}
        return self

    async def __aexit__(self, *exc: object) -> None:  # noqa: B027 - a hook
        """Nothing to undo: a store writes only in `commit`, all or nothing."""

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
        appends = [Append(a.id, a.persisted_version, a.pending_events)
                   for a in self._seen.values() if a.pending_events]
        recorded = await self._write(appends)
        for aggregate in self._seen.values():
            aggregate.mark_persisted()
        self._committed(list(self._seen.values()))
        if recorded:
            if self._on_commit is not None:  # before publishing, which may be interrupted
                self._on_commit(recorded)
            await self._publisher.publish(recorded)
        return recorded

    @abc.abstractmethod
    async def _write(self, appends: Sequence[Append]) -> list[RecordedEvent]:
        """The store's one append path (an EventWriter): append, project and commit in one
        transaction; the recorded events, in order. Called with no appends too (a decision
        that changed nothing)."""

    def _committed(self, aggregates: list[Aggregate]) -> None:  # noqa: B027 - optional hook
        """Told of every aggregate of the unit of work once it is committed."""


UnitOfWorkFactory = Callable[[OnCommit | None], UnitOfWork]
