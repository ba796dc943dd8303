"""Alembic brings a fresh database to the schema of tables.py, and running it again is harmless."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, text

from adapters.sql.migrate import upgrade
from adapters.sql.tables import events, metadata
from adapters.sql.urls import sync_url

TABLES = {"events", "rm_sessions", "rm_messages", "rm_faqs", "rm_queue", "rm_queue_waits",
          "rm_checkpoints", "agents", "canned_responses", "rm_notes"}


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
    assert revision == "0011"


def test_fresh_sqlite_file(tmp_path: Path) -> None:
    _assert_migrated_twice(f"sqlite:///{tmp_path}/new/folder/pasokh.db")


@pytest.mark.postgres
def test_fresh_postgres_database(postgres_url: str) -> None:
    _assert_migrated_twice(postgres_url)


def test_0003_counts_the_questions_each_session_with_the_bot_still_owes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/pasokh.db"
    upgrade(url, "0002")
    engine = create_engine(sync_url(url))
    sessions = [("owes", "bot"), ("paid", "bot"), ("queued", "queued")]
    messages = [("owes", 1, "user", "2026-01-01 10:00:00"),
                ("owes", 2, "bot", "2026-01-01 10:00:01"),
                ("owes", 3, "user", "2026-01-01 10:05:00"),
                ("paid", 1, "user", "2026-01-01 09:00:00"),
                ("paid", 2, "bot", "2026-01-01 09:00:01"),
                ("queued", 1, "user", "2026-01-01 11:00:00")]
    try:
        with engine.begin() as conn:
            for key, status in sessions:
                conn.execute(text("INSERT INTO rm_sessions (session_key, status, started_at) "
                                  "VALUES (:k, :s, '2026-01-01 08:00:00')"),
                             {"k": key, "s": status})
            for key, seq, sender, at in messages:
                conn.execute(text("INSERT INTO rm_messages (session_key, seq, id, sender, text, "
                                  "created_at) VALUES (:k, :q, :i, :s, 'x', :at)"),
                             {"k": key, "q": seq, "i": f"{key}-{seq}", "s": sender, "at": at})
        upgrade(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT session_key, unanswered, last_visitor_at "
                                     "FROM rm_sessions ORDER BY session_key")).all()
    finally:
        engine.dispose()
    assert [(key, owed, str(at)[:19] if at else None) for key, owed, at in rows] == [
        ("owes", 1, "2026-01-01 10:05:00"), ("paid", 0, "2026-01-01 09:00:00"),
        ("queued", 0, None)]


def test_0007_makes_every_existing_account_an_active_admin(tmp_path: Path) -> None:
    """Before roles, `pasokh create-admin` was the only way to make an account."""
    url = f"sqlite:///{tmp_path}/pasokh.db"
    upgrade(url, "0006")
    engine = create_engine(sync_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO agents (username, password_hash, display_name, "
                              "created_at) VALUES ('sara', 'hash', 'Sara', "
                              "'2026-01-01 10:00:00')"))
        upgrade(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT username, role, active FROM agents")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [("sara", "admin", True)]


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    """A database of its own: this test starts from an older revision."""
    import psycopg

    from tests.conftest import POSTGRES_ADMIN_URL

    name = f"pasokh_migrate_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_0011_finds_the_visitor_of_conversations_started_before_it(
        tmp_path: Path, request: pytest.FixtureRequest, backend: str) -> None:
    """SessionStarted v2 carried the visitor id: their earlier conversations are listed too."""
    url = (f"sqlite:///{tmp_path}/pasokh.db" if backend == "sqlite"
           else request.getfixturevalue("fresh_postgres_url"))
    upgrade(url, "0010")
    engine = create_engine(sync_url(url))
    at = datetime(2026, 1, 1, 10, tzinfo=UTC)
    started = [("old", {"session_key": "old", "at": at.isoformat()}, 1),
               ("seen", {"session_key": "seen", "at": at.isoformat(), "origin": None,
                         "visitor_id": "visitor-0042"}, 2)]
    try:
        with engine.begin() as conn:
            for key, data, version in started:
                conn.execute(insert(events).values(
                    stream_id=f"session-{key}", version=1, type="SessionStarted",
                    schema_version=version, data=data, metadata={}, recorded_at=at))
                conn.execute(text(
                    "INSERT INTO rm_sessions (session_key, status, started_at) "
                    "VALUES (:key, 'closed', :at)"), {"key": key, "at": at})
        upgrade(url)
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT session_key, visitor_id FROM rm_sessions ORDER BY session_key")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [("old", None), ("seen", "visitor-0042")]
