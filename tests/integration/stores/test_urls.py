"""Database URLs as users write them; the service picks the drivers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from adapters.sql import urls
from adapters.sql.urls import async_url, is_sqlite, sync_url


@pytest.mark.parametrize(("given", "expected_async", "expected_sync"), [
    ("postgresql://u:p@db:5433/pasokh", "postgresql+psycopg://u:p@db:5433/pasokh",
     "postgresql+psycopg://u:p@db:5433/pasokh"),
    ("postgres://u@db/pasokh", "postgresql+psycopg://u@db/pasokh",
     "postgresql+psycopg://u@db/pasokh"),
    ("postgresql+psycopg2://u@db/pasokh", "postgresql+psycopg://u@db/pasokh",
     "postgresql+psycopg://u@db/pasokh"),
    ("postgresql+asyncpg://u@db/pasokh", "postgresql+psycopg://u@db/pasokh",
     "postgresql+psycopg://u@db/pasokh"),
    ("sqlite:///:memory:", "sqlite+aiosqlite:///:memory:", "sqlite:///:memory:"),
])
def test_plain_and_driver_qualified_urls(given: str, expected_async: str,
                                         expected_sync: str) -> None:
    assert make_url(async_url(given)) == make_url(expected_async)
    assert make_url(sync_url(given)) == make_url(expected_sync)


def test_sqlite_file_urls_get_their_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "chat.db"
    assert async_url(f"sqlite+aiosqlite:///{path}") == f"sqlite+aiosqlite:///{path}"
    assert sync_url(f"sqlite:///{path}") == f"sqlite:///{path}"
    assert path.parent.is_dir()


def test_passwords_survive(tmp_path: Path) -> None:
    assert async_url("postgresql://u:p%40ss@db/x") == "postgresql+psycopg://u:p%40ss@db/x"


@pytest.mark.parametrize("unset", [None, "", "  "])
def test_no_url_means_the_embedded_sqlite_file(unset: str | None, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert async_url(unset) == f"sqlite+aiosqlite:///{urls.DEFAULT_SQLITE_PATH}"
    assert sync_url(unset) == f"sqlite:///{urls.DEFAULT_SQLITE_PATH}"
    assert is_sqlite(unset)
    assert (tmp_path / urls.DEFAULT_SQLITE_PATH).parent.is_dir()


def test_which_backend() -> None:
    assert is_sqlite("sqlite:///x.db") and is_sqlite("sqlite+aiosqlite:///x.db")
    assert not is_sqlite("postgresql://u@h/db") and not is_sqlite("postgres://u@h/db")


def test_other_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        async_url("mysql://u@h/db")
