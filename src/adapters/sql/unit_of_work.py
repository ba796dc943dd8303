"""Unit of work on SQL: loads read with short read-only connections (or take an aggregate kept
from an earlier commit), and the commit goes through the database's group committer, which
appends, projects and commits together with whatever other commits are waiting.

`events.append` (used by store-level tests and tools) instead opens this unit of work's own
write transaction, committed by `commit()` as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncTransaction

from adapters.sql.database import Database
from adapters.sql.event_store import SqlEventStore
from adapters.sql.read_models import project_into
from application.ports import ConcurrencyError, Publisher, RecordedEvent
from application.unit_of_work import AbstractUnitOfWork, Append, OnCommit
from domain.base import Aggregate, DomainEvent
from domain.faq_catalog import CATALOG_STREAM
from domain.queue import QUEUE_STREAM

TAKE_TURNS = frozenset({QUEUE_STREAM, CATALOG_STREAM})


class SqlUnitOfWork(AbstractUnitOfWork):
    def __init__(self, db: Database, publisher: Publisher,
                 on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self._db = db
        self._conn: AsyncConnection | None = None
        self._transaction: AsyncTransaction | None = None
        self._kept_at: dict[str, int] = {}
        self._turns: list[asyncio.Lock] = []
        self.events = _Streams(self)

    async def commit(self) -> list[RecordedEvent]:
        try:
            return await super().commit()
        except IntegrityError as error:  # a racing writer got a unique key (stream version,
            raise ConcurrencyError.unique_key_taken() from error  # client_id) first: retry

    async def decisions_still_hold(self) -> bool:
        if not self._kept_at:
            return True
        kept_at = self._kept_at
        current = await self._db.reading(
            lambda conn: self._db.event_store(conn).current_versions(kept_at))
        stale = [s for s, version in self._kept_at.items() if current.get(s, 0) != version]
        for stream_id in stale:
            self._db.kept.forget(stream_id)
        return not stale

    async def _before_load(self, stream_id: str) -> None:
        """Units of work of this process take turns on the shared streams (the queue, the
        FAQ catalog): racing there would only make all but one of each group retry."""
        if stream_id not in TAKE_TURNS:
            return
        turn = self._db.turn(stream_id)
        if turn not in self._turns:
            await turn.acquire()
            self._turns.append(turn)

    def _take_kept(self, stream_id: str) -> Aggregate | None:
        aggregate = self._db.kept.take(stream_id)
        if aggregate is not None:
            self._kept_at[stream_id] = aggregate.version
        return aggregate

    def _keep(self, aggregates: list[Aggregate]) -> None:
        self._db.kept.keep(aggregates)

    async def _write(self, appends: Sequence[Append]) -> list[RecordedEvent]:
        if self._transaction is not None:  # events.append opened a transaction of our own
            return await super()._write(appends)
        return await self._db.committer.write(appends, self.metadata)

    async def _writer(self) -> SqlEventStore:
        if self._conn is None:
            self._conn = await self._db.connect().start()
            try:
                self._transaction = await self._conn.begin()
            except BaseException:
                await self._conn.close()
                self._conn = None
                raise
        return self._db.event_store(self._conn)

    async def _begin(self) -> None:
        self._kept_at = {}

    async def _project(self, recorded: Sequence[RecordedEvent]) -> None:
        assert self._conn is not None
        await project_into(self._conn, recorded)

    async def _commit(self) -> None:
        assert self._transaction is not None
        await self._transaction.commit()

    async def _rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            await self._transaction.rollback()

    async def _end(self) -> None:
        try:
            if self._conn is not None:
                await self._conn.close()
        finally:
            self._conn = self._transaction = None
            while self._turns:
                self._turns.pop().release()


class _Streams:
    """The unit of work's view of the event store: reads never take the write lock."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        if self._uow._conn is not None:  # our own transaction sees its own appends
            return await self._uow._db.event_store(self._uow._conn).read_stream(stream_id)
        db = self._uow._db
        return await db.reading(lambda conn: db.event_store(conn).read_stream(stream_id))

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        db = self._uow._db
        return await db.reading(
            lambda conn: db.event_store(conn).read_all(after_position, limit))

    async def append(self, stream_id: str, expected_version: int,
                     events: Sequence[DomainEvent], metadata: dict[str, Any]
                     ) -> list[RecordedEvent]:
        store = await self._uow._writer()
        return await store.append(stream_id, expected_version, events, metadata)
