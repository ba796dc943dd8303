"""INSERT ... ON CONFLICT DO UPDATE, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


async def upsert(conn: AsyncConnection, table: Table, values: Mapping[str, Any],
                 keys: Iterable[str], keep: Iterable[str] = ()) -> None:
    """Insert values; on a conflict on keys, update every column but the keys and `keep`."""
    keys, fixed = list(keys), {*keys, *keep}
    insert = sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert
    statement = insert(table).values(dict(values))
    changes = {name: statement.excluded[name] for name in values if name not in fixed}
    await conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
