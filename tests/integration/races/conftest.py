"""Fixtures borrowed from the other tiers: the app on each storage, and a database of its own;
and a migrated SQL store of the test's own, for races run straight on the bus."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from adapters.memory.pubsub import InProcessPubSub
from adapters.sql.database import Database
from adapters.sql.migrate import upgrade
from adapters.sql.unit_of_work import SqlUnitOfWork
from application.unit_of_work import OnCommit
from tests.integration.api.conftest import (
    app,
    client,
    connect,
    container,
    migrated_postgres,
    settings,
)
from tests.integration.multi_instance.conftest import fresh_database

__all__ = ["app", "client", "connect", "container", "fresh_database", "migrated_postgres",
           "settings"]

UnitsOfWork = Callable[[OnCommit | None], SqlUnitOfWork]


@pytest.fixture
async def sql_storage(request: pytest.FixtureRequest,
                      tmp_path: Path) -> AsyncIterator[tuple[Database, UnitsOfWork]]:
    """request.param "sqlite" or "postgres": a fresh migrated database, and units of work on it
    that publish in process."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/races.db"
    else:
        url = request.getfixturevalue("fresh_database")
    upgrade(url)
    db = Database(url)
    publisher = InProcessPubSub()

    def uow(on_commit: OnCommit | None = None) -> SqlUnitOfWork:
        return SqlUnitOfWork(db, publisher, on_commit)

    try:
        yield db, uow
    finally:
        await db.dispose()
