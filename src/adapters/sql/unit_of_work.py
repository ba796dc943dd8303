"""Unit of work on SQL: loads read with short read-only connections, and the commit goes
through the database's group committer, which appends, projects and commits together with
whatever other commits are waiting.

Two optimisations of this store live here and nowhere else (ADR 0022):
- units of work of one process take turns on the shared streams (the queue, the FAQ
  catalog): racing there would only make all but one of each group retry;
- aggregates are kept after their commit, so the next command does not replay the stream.
  A kept aggregate may be behind its stream when another process wrote to it since. That is
  safe because every append names the version it was decided on (a stale decision fails
  with ConcurrencyError), and a decision that appends nothing, or a refusal, is checked
  against the stream before it counts (ConcurrencyError too: the caller decides again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Self, TypeVar

from adapters.sql.database import Database
from application.ports import Append, ConcurrencyError, Publisher, RecordedEvent
from application.unit_of_work import AbstractUnitOfWork, OnCommit
from domain.base import Aggregate
from domain.faq.catalog import CATALOG_STREAM
from domain.queue import QUEUE_STREAM

A = TypeVar("A", bound=Aggregate)

TAKE_TURNS = frozenset({QUEUE_STREAM, CATALOG_STREAM})


class SqlUnitOfWork(AbstractUnitOfWork):
    def __init__(self, db: Database, publisher: Publisher,
                 on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self._db = db
        self._kept_at: dict[str, int] = {}
        self._turns: list[asyncio.Lock] = []
        self._committing = False
        self.events = SqlEventReader(db)

    async def __aenter__(self) -> Self:
        self._kept_at = {}
        self._committing = False
        return await super().__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        error = exc[1] if len(exc) > 1 else None
        try:
            if isinstance(error, Exception) and not isinstance(error, ConcurrencyError) \
                    and not self._committing and not await self._kept_still_current():
                # a refusal decided on a kept aggregate that was behind its stream
                raise ConcurrencyError("decided on an old state") from None
        finally:
            while self._turns:
                self._turns.pop().release()

    async def load(self, kind: type[A], stream_id: str) -> A | None:
        await self._take_turn(stream_id)
        kept = self._db.kept.take(stream_id)
        if isinstance(kept, kind):
            self._kept_at[stream_id] = kept.version
            self.add(kept)
            return kept
        return await super().load(kind, stream_id)

    async def commit(self) -> list[RecordedEvent]:
        self._committing = True
        return await super().commit()

    async def _write(self, appends: Sequence[Append]) -> list[RecordedEvent]:
        if not appends and not await self._kept_still_current():
            raise ConcurrencyError("a kept aggregate was behind its stream")
        return await self._db.committer.write(appends, self.metadata)

    def _committed(self, aggregates: list[Aggregate]) -> None:
        self._db.kept.keep(aggregates)

    async def _take_turn(self, stream_id: str) -> None:
        if stream_id not in TAKE_TURNS:
            return
        turn = self._db.turn(stream_id)
        if turn not in self._turns:
            await turn.acquire()
            self._turns.append(turn)

    async def _kept_still_current(self) -> bool:
        """False when an aggregate this unit of work decided on was kept and its stream has
        moved on since (it is then forgotten, so the next attempt reads the stream)."""
        if not self._kept_at:
            return True
        kept_at = self._kept_at
        current = await self._db.reading(
            lambda conn: self._db.event_store(conn).current_versions(kept_at))
        stale = [s for s, version in self._kept_at.items() if current.get(s, 0) != version]
        for stream_id in stale:
            self._db.kept.forget(stream_id)
        return not stale


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
