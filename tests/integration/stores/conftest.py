"""One store contract, three backends: in-memory, SQLite file, real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import psycopg
import pytest

from adapters.sql.database import Database
from adapters.sql.migrate import upgrade
from adapters.sql.tables import metadata
from tests.integration.stores.backends import (
    BACKENDS,
    SQL_BACKENDS,
    Backend,
    memory_backend,
    sql_backend,
)


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    url = f"sqlite:///{tmp_path}/pasokh.db"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_url: str) -> str:
    upgrade(postgres_url)
    return postgres_url


@pytest.fixture
def clean_postgres_url(migrated_postgres_url: str) -> Iterator[str]:
    names = ", ".join(table.name for table in metadata.sorted_tables)
    with psycopg.connect(migrated_postgres_url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {names} RESTART IDENTITY")
    yield migrated_postgres_url


async def _open(name: str, request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    if name == "memory":
        yield memory_backend()
        return
    url = request.getfixturevalue("sqlite_url" if name == "sqlite" else "clean_postgres_url")
    db = Database(url)
    try:
        yield sql_backend(name, db)
    finally:
        await db.dispose()


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    async for opened in _open(request.param, request):
        yield opened


@pytest.fixture(params=SQL_BACKENDS)
async def sql(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    async for opened in _open(request.param, request):
        yield opened
