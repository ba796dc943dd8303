"""Alembic brings a fresh database to the schema of tables.py, and running it again is harmless."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from adapters.sql.migrate import upgrade
from adapters.sql.tables import metadata
from adapters.sql.urls import sync_url

TABLES = {"events", "rm_sessions", "rm_messages", "rm_faqs", "rm_queue", "rm_queue_waits",
          "rm_checkpoints", "agents"}


def _schema_differences(url: str) -> tuple[set[str], list[object], str | None]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            return (set(inspect(conn).get_table_names()), compare_metadata(context, metadata),
                    context.get_current_revision())
    finally:
        engine.dispose()


def _assert_migrated_twice(url: str) -> None:
    upgrade(url)
    upgrade(url)
    tables, differences, revision = _schema_differences(url)
    assert tables >= TABLES
    assert differences == []
    assert revision == "0003"


def test_fresh_sqlite_file(tmp_path: Path) -> None:
    _assert_migrated_twice(f"sqlite:///{tmp_path}/new/folder/pasokh.db")


@pytest.mark.postgres
def test_fresh_postgres_database(postgres_url: str) -> None:
    _assert_migrated_twice(postgres_url)
