"""Unit of work on SQL: loads read with short read-only connections (or take an aggregate kept
from an earlier commit), and the commit goes through the database's group committer, which
appends, projects and commits together with whatever other commits are waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from adapters.sql.database import Database
from application.ports import Append, Publisher, RecordedEvent
from application.unit_of_work import AbstractUnitOfWork, OnCommit
from domain.base import Aggregate
from domain.faq_catalog import CATALOG_STREAM
from domain.queue import QUEUE_STREAM

TAKE_TURNS = frozenset({QUEUE_STREAM, CATALOG_STREAM})


class SqlUnitOfWork(AbstractUnitOfWork):
    def __init__(self, db: Database, publisher: Publisher,
                 on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self._db = db
        self._kept_at: dict[str, int] = {}
        self._turns: list[asyncio.Lock] = []
        self.events = SqlEventReader(db)

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
        return await self._db.committer.write(appends, self.metadata)

    async def _begin(self) -> None:
        self._kept_at = {}

    async def _end(self) -> None:
        while self._turns:
            self._turns.pop().release()


class SqlEventReader:
    """The events as the unit of work reads them: each read on a short read-only
    connection, so a reader never takes or waits for the write lock."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        db = self._db
        return await db.reading(lambda conn: db.event_store(conn).read_stream(stream_id))

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        db = self._db
        return await db.reading(
            lambda conn: db.event_store(conn).read_all(after_position, limit))
