"""Database URLs as users write them, turned into the drivers Pasokh picks itself."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url

DEFAULT_SQLITE_PATH = Path("var/pasokh.db")

_DRIVERS = {
    # backend: (async driver, sync driver)
    "sqlite": ("sqlite+aiosqlite", "sqlite"),
    "postgresql": ("postgresql+psycopg", "postgresql+psycopg"),
}
_ALIASES = {"postgres": "postgresql"}


def async_url(url: str | None) -> str:
    return _render(_with_driver(url, asynchronous=True))


def sync_url(url: str | None) -> str:
    return _render(_with_driver(url, asynchronous=False))


def is_sqlite(url: str | None) -> bool:
    return _backend(_parse(url)) == "sqlite"


def _with_driver(url: str | None, asynchronous: bool) -> URL:
    parsed = _parse(url)
    backend = _backend(parsed)
    if backend == "sqlite":
        _ensure_directory(parsed.database)
    async_driver, sync_driver = _DRIVERS[backend]
    return parsed.set(drivername=async_driver if asynchronous else sync_driver)


def _parse(url: str | None) -> URL:
    if url is None or not url.strip():
        return URL.create("sqlite", database=str(DEFAULT_SQLITE_PATH))
    return make_url(url.strip())


def _backend(url: URL) -> str:
    name = url.get_backend_name()
    backend = _ALIASES.get(name, name)
    if backend not in _DRIVERS:
        raise ValueError(f"unsupported database {name!r}: use sqlite:/// or postgresql://")
    return backend


def _ensure_directory(database: str | None) -> None:
    """SQLite creates the file but not its folder; in-memory databases have neither."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).parent.mkdir(parents=True, exist_ok=True)


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)
