"""One transaction: load aggregates from their streams, append what they recorded, project, commit.

Only after the commit are the new events handed to the publisher and to the message bus.

A store may keep aggregates it has already loaded (`_take_kept`/`_keep`): a kept aggregate
may be behind its stream when another process wrote to it since. That is safe because every
append names the version it was decided on (a stale decision fails with ConcurrencyError),
and a decision that appends nothing is checked by `decisions_still_hold` before it counts.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any, Self, TypeVar

from application.ports import Append, ConcurrencyError, EventStore, Publisher, RecordedEvent
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
        self.metadata: dict[str, Any] = {}

    async def __aenter__(self) -> Self:
        self._seen = {}
        await self._begin()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._end()

    # -- repositories -----------------------------------------------------------------------

    async def load(self, kind: type[A], stream_id: str) -> A | None:
        await self._before_load(stream_id)
        kept = self._take_kept(stream_id)
        if isinstance(kept, kind):
            aggregate = kept
        else:
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
        if not appends and not await self.decisions_still_hold():
            raise ConcurrencyError("a kept aggregate was behind its stream")
        recorded = await self._write(appends)
        for aggregate in self._seen.values():
            aggregate.mark_persisted()
        self._keep(list(self._seen.values()))
        if recorded:
            if self._on_commit is not None:  # before publishing, which may be interrupted
                self._on_commit(recorded)
            await self._publisher.publish(recorded)
        return recorded

    async def decisions_still_hold(self) -> bool:
        """False when an aggregate this unit of work decided on was kept by the store and
        its stream has moved on since: the decision (a refusal, a no-op) must be retaken."""
        return True

    # -- hooks for stores ---------------------------------------------------------------------

    async def _before_load(self, stream_id: str) -> None:  # noqa: B027 - optional hook
        """Called before a stream is loaded (a store may make units of work take turns)."""

    def _take_kept(self, stream_id: str) -> Aggregate | None:
        """An aggregate the store kept from an earlier unit of work, now owned by this one."""
        return None

    def _keep(self, aggregates: list[Aggregate]) -> None:  # noqa: B027 - optional hook
        """Called after a commit with every aggregate this unit of work loaded or added."""

    @abc.abstractmethod
    async def _write(self, appends: Sequence[Append]) -> list[RecordedEvent]:
        """The store's one append path (an EventWriter): append, project and commit in one
        transaction; the recorded events, in order."""

    async def _begin(self) -> None:  # noqa: B027 - optional hook
        """Called as the unit of work opens."""

    async def _end(self) -> None:  # noqa: B027 - optional hook, most stores need nothing
        """Called as the unit of work closes, committed or not."""


UnitOfWorkFactory = Callable[[OnCommit | None], AbstractUnitOfWork]
