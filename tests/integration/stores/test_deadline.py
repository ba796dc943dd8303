"""A PostgreSQL that stops answering: reads and group commits fail as outages (`unavailable`)
after the deadline instead of holding the instance, and work again once it answers.

Another connection holding a table lock stands in for a server whose answers never come."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import psycopg
import pytest

from adapters.sql.database import Database
from adapters.sql.group_commit import CommitTimedOut
from tests.integration.stores.backends import sql_backend
from tests.integration.stores.test_group_commit import post, start

pytestmark = [pytest.mark.postgres]
DEADLINE = 0.5


@pytest.fixture
async def database(clean_postgres_url: str) -> AsyncIterator[Database]:
    db = Database(clean_postgres_url, deadline=DEADLINE)
    yield db
    await db.dispose()


@pytest.fixture
def lock(clean_postgres_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(clean_postgres_url) as conn:  # a transaction left open
        yield conn
        conn.rollback()


async def test_a_group_commit_the_server_does_not_answer_fails_at_the_deadline(
        database: Database, lock: psycopg.Connection) -> None:
    backend = sql_backend("postgres", database)
    await start(backend, "s1")
    lock.execute("LOCK TABLE events IN EXCLUSIVE MODE")  # the appender's lock is taken
    began = time.monotonic()
    with pytest.raises(CommitTimedOut):
        await post(backend, "s1", "hello?")
    waited = time.monotonic() - began
    assert DEADLINE <= waited < DEADLINE + 2, waited
    lock.rollback()
    await post(backend, "s1", "hello again")  # the next group takes a new connection
    view = await backend.read_models.session("s1")
    assert view is not None and [m.text for m in view.messages] == ["hello again"]


async def test_a_read_the_server_does_not_answer_fails_at_the_deadline(
        database: Database, lock: psycopg.Connection) -> None:
    backend = sql_backend("postgres", database)
    await start(backend, "s1")
    lock.execute("LOCK TABLE rm_sessions IN ACCESS EXCLUSIVE MODE")  # even reads wait
    with pytest.raises(TimeoutError):
        await backend.read_models.session("s1")
    lock.rollback()
    assert await backend.read_models.session("s1") is not None


async def test_without_a_deadline_or_on_sqlite_nothing_is_cut_short(
        clean_postgres_url: str, sqlite_url: str, lock: psycopg.Connection) -> None:
    assert Database(sqlite_url, deadline=DEADLINE).deadline is None
    db = Database(clean_postgres_url, deadline=0)
    try:
        backend = sql_backend("postgres", db)
        await start(backend, "s1")
        lock.execute("LOCK TABLE events IN EXCLUSIVE MODE")
        waiting = asyncio.create_task(post(backend, "s1", "patient"))
        await asyncio.sleep(DEADLINE * 3)
        assert not waiting.done()
        lock.rollback()
        await waiting
    finally:
        await db.dispose()
