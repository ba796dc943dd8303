"""The async engine, configured per backend so concurrent writers wait instead of failing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from adapters.sql.deadline import Abandoned
from adapters.sql.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from adapters.sql.group_commit import GroupCommitter
from adapters.sql.kept_aggregates import DEFAULT_CAPACITY, KeptAggregates
from adapters.sql.outages import OutageTranslatingConnection, StorageTimedOut, translate_outages
from adapters.sql.urls import async_url, is_sqlite
from application.ports import StorageUnavailable

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A PostgreSQL that does not answer makes a request fail in seconds (503 `unavailable`),
# instead of holding the visitor until the TCP stack gives up (ADR 0020).
POSTGRES_CONNECT_TIMEOUT_SECONDS = 5
POOL_CHECKOUT_TIMEOUT_SECONDS = 10
READ_ONLY = "pasokh_read_only"
T = TypeVar("T")


class Database:
    """Owns the engine. `connect()` is for writers, `reading()` for short read-only queries.
    Also the process's group committer and its kept aggregates (one per database).

    `deadline` (seconds, PostgreSQL only): how long a read or a group commit may wait for
    the server before it fails as an outage (`unavailable`). A database whose packets
    vanish (a network partition, a host gone without a reset) would otherwise hold every
    request of the instance until the TCP stack gives up, many minutes later."""

    def __init__(self, url: str | None, kept_aggregates: int = DEFAULT_CAPACITY,
                 deadline: float | None = None) -> None:
        self.url = async_url(url)
        self.is_sqlite = is_sqlite(url)
        # SQLite is a local file: nothing to vanish, and its writers wait on purpose
        self.deadline = None if self.is_sqlite or not deadline else deadline
        self.engine: AsyncEngine = create_async_engine(
            self.url, json_serializer=_json, **({} if self.is_sqlite else _POSTGRES_POOL))
        if self.is_sqlite:
            _serialize_sqlite_writers(self.engine)
        translate_outages(self.engine)  # an outage leaves as StorageUnavailable (ADR 0049)
        self._reader = self.engine.execution_options(**{READ_ONLY: True})
        self.kept = KeptAggregates(kept_aggregates)
        self.committer = GroupCommitter(self.connect, self.event_store, deadline=self.deadline)
        self._turns: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Lock] = {}
        self._abandoned = Abandoned()  # reads given up at the deadline

    def connect(self) -> AsyncConnection:
        """A connection whose transactions may write (on SQLite they start BEGIN IMMEDIATE)."""
        return OutageTranslatingConnection(self.engine)

    async def reading(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """work(conn) on a read-only connection. On PostgreSQL the caller hears
        StorageTimedOut (a TimeoutError) at the deadline, whatever the server does
        (adapters.sql.deadline)."""
        if self.deadline is None:
            return await self._read(work)
        return await self._abandoned.within(self.deadline, self._read(work), self._timed_out)

    async def _read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        async with OutageTranslatingConnection(self._reader) as conn:
            return await work(conn)

    def _timed_out(self) -> StorageTimedOut:
        return StorageTimedOut(f"the database did not answer within {self.deadline:g} s")

    def read_unbounded(self) -> AsyncConnection:
        """A read-only connection with no deadline, for long reads (a rebuild, tests)."""
        return OutageTranslatingConnection(self._reader)

    def turn(self, stream_id: str) -> asyncio.Lock:
        """The lock units of work of this process take turns on for one stream."""
        key = (asyncio.get_running_loop(), stream_id)
        lock = self._turns.get(key)
        if lock is None:
            lock = self._turns[key] = asyncio.Lock()
        return lock

    def event_store(self, conn: AsyncConnection) -> SqlEventStore:
        return SqliteEventStore(conn) if self.is_sqlite else PostgresEventStore(conn)

    async def ping(self) -> bool:
        try:
            await self.reading(lambda conn: conn.execute(text("SELECT 1")))
        except (StorageUnavailable, SQLAlchemyError, OSError):
            return False
        return True

    async def dispose(self) -> None:
        await self.committer.close()
        await self.engine.dispose()


# pool_pre_ping: a connection that died while idle (a database restart, a dropped link) is
# replaced before use instead of failing the next write; a connection that dies in use is
# invalidated with every older one by SQLAlchemy's disconnect handling (ADR 0020).
_POSTGRES_POOL: dict[str, Any] = {
    "pool_pre_ping": True, "pool_timeout": POOL_CHECKOUT_TIMEOUT_SECONDS,
    "connect_args": {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # Persian stays readable in the database


def _serialize_sqlite_writers(engine: AsyncEngine) -> None:
    """SQLAlchemy's recipe: the driver stops issuing BEGIN, we issue BEGIN IMMEDIATE, so
    writers queue on the database lock (busy_timeout) instead of failing when upgrading it."""

    @event.listens_for(engine.sync_engine, "connect")
    def configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
                       "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
