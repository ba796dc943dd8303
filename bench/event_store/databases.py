"""Throwaway databases: a SQLite file in a temporary folder, or a PostgreSQL database
created for the run and dropped afterwards. Both get the real migrations."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from adapters.sql.migrate import upgrade

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432"


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="pasokh-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        yield url


@contextmanager
def postgres_database(server: str = DEFAULT_POSTGRES) -> Iterator[str]:
    import psycopg

    name = f"pasokh_bench_{secrets.token_hex(4)}"
    admin_url = f"{server.rstrip('/')}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{server.rstrip('/')}/{name}"
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(backend: str, postgres_server: str = DEFAULT_POSTGRES) -> Iterator[str]:
    if backend == "sqlite":
        with sqlite_database() as url:
            yield url
    elif backend == "postgres":
        with postgres_database(postgres_server) as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")
