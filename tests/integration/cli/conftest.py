"""Sites for the CLI tests: a SQLite file per site, or in-memory storage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from adapters.sql.migrate import upgrade
from adapters.sql.tables import metadata
from tests.integration.cli.support import Site, sample_catalog

MakeSite = Callable[[str], Site]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """A new, empty site: `memory`, or `sqlite` (a fresh file each time)."""
    made: list[Site] = []

    def make(storage: str) -> Site:
        url = None if storage == "memory" else f"sqlite:///{tmp_path / f'site{len(made)}.db'}"
        made.append(Site.at(url))
        return made[-1]

    return make


@pytest.fixture
def source(make_site: MakeSite) -> Site:
    """A SQLite site holding the sample catalog."""
    site = make_site("sqlite")
    site.do(*sample_catalog())
    return site


@pytest.fixture
def clean_postgres_url(postgres_url: str) -> Iterator[str]:
    upgrade(postgres_url)
    names = ", ".join(table.name for table in metadata.sorted_tables)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {names} RESTART IDENTITY")
    yield postgres_url
