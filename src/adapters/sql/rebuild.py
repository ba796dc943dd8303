"""Throw the read models away and replay every event into them, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, select

from adapters.sql.database import Database
from adapters.sql.read_models import project_into
from adapters.sql.tables import READ_MODEL_TABLES, events

Progress = Callable[[int, int], None]


async def rebuild_projections(db: Database, progress: Progress | None = None,
                              batch_size: int = 1000) -> int:
    """Replay all events through the projections; returns how many were replayed.

    Appends wait for the rebuild (it holds the append lock); readers keep seeing the old
    tables until it commits."""
    async with db.connect() as conn, conn.begin():
        store = db.event_store(conn)
        await store.lock_for_append()
        total = await conn.scalar(select(func.count()).select_from(events)) or 0
        for table in READ_MODEL_TABLES:
            await conn.execute(delete(table))
        done, position = 0, 0
        while batch := await store.read_all(position, batch_size):
            await project_into(conn, batch)
            done, position = done + len(batch), batch[-1].position
            if progress is not None:
                progress(done, total)
    return done
