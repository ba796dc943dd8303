"""The SQL adapter raises the port's StorageUnavailable for every outage, chained to the
driver's or the pool's error (ADR 0049), and still lets the pool heal (ADR 0020)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.sql.database import Database
from adapters.sql.outages import OutageTranslatingConnection, translate_outages
from adapters.sql.urls import async_url
from application.ports import Append, StorageUnavailable

pytestmark = [pytest.mark.postgres]
NOBODY_LISTENS = "postgresql://postgres@127.0.0.1:1/pasokh"


async def select_one(db: Database) -> int:
    return (await db.reading(lambda conn: conn.execute(text("SELECT 1")))).scalar_one()


async def test_a_database_that_refuses_connections_is_unavailable() -> None:
    db = Database(NOBODY_LISTENS)
    try:
        with pytest.raises(StorageUnavailable) as refused:
            await select_one(db)
        assert isinstance(refused.value.__cause__, psycopg.OperationalError)
        assert await db.ping() is False
    finally:
        await db.dispose()


async def test_a_group_commit_that_cannot_connect_is_unavailable() -> None:
    db = Database(NOBODY_LISTENS)
    try:
        with pytest.raises(StorageUnavailable):
            await db.committer.write([Append("session-s1", 0, ())], {})
    finally:
        await db.dispose()


async def test_an_exhausted_pool_is_unavailable(postgres_url: str) -> None:
    engine = create_async_engine(async_url(postgres_url), pool_size=1, max_overflow=0,
                                 pool_timeout=0.2)
    translate_outages(engine)
    try:
        async with OutageTranslatingConnection(engine):
            with pytest.raises(StorageUnavailable) as exhausted:
                async with OutageTranslatingConnection(engine):
                    pass
        assert isinstance(exhausted.value.__cause__, PoolTimeout)
    finally:
        await engine.dispose()


async def test_a_connection_lost_in_use_is_unavailable_and_the_pool_heals(
        postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        async with db.connect() as conn:
            pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            with pytest.raises(StorageUnavailable) as lost:
                await conn.execute(text("SELECT 1"))
            assert conn.invalidated  # SQLAlchemy still invalidates it
        assert lost.value.__cause__ is not None
        assert await select_one(db) == 1  # a new connection, by itself
    finally:
        await db.dispose()


async def test_a_bug_keeps_its_own_exception(postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        with pytest.raises(ProgrammingError):
            await db.reading(lambda conn: conn.execute(text("SELEC 1")))
        assert await select_one(db) == 1
    finally:
        await db.dispose()
