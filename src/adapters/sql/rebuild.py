"""Throw the read models away and replay every event into them, in one transaction."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from sqlalchemy import delete, func, select

from adapters.sql.database import Database
from adapters.sql.projection import project_into
from adapters.sql.tables import READ_MODEL_TABLES, events
from application.ports import RecordedEvent

Progress = Callable[[int, int], None]


async def rebuild_projections(db: Database, progress: Progress | None = None,
                              batch_size: int = 5000) -> int:
    """Replay all events through the projections; returns how many were replayed.

    Appends wait for the rebuild (it holds the append lock); readers keep seeing the old
    tables until it commits. The next batch of events is read on a second connection while
    the current one is written."""
    async with db.connect() as conn, conn.begin():
        store = db.event_store(conn)
        await store.lock_for_append()
        total = await conn.scalar(select(func.count()).select_from(events)) or 0
        for table in READ_MODEL_TABLES:
            await conn.execute(delete(table))
        done = 0
        async for batch in _read_ahead(db, batch_size):
            await project_into(conn, batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
    return done


async def _read_ahead(db: Database, batch_size: int) -> AsyncIterator[list[RecordedEvent]]:
    """Every event in order, in batches, the next batch read while the caller works.
    Nothing can be appended meanwhile: the caller holds the append lock."""
    batches: asyncio.Queue[list[RecordedEvent] | BaseException] = asyncio.Queue(maxsize=2)

    async def read() -> None:
        try:
            async with db.read_unbounded() as conn:
                store, position = db.event_store(conn), 0
                while batch := await store.read_all(position, batch_size):
                    await batches.put(batch)
                    position = batch[-1].position
            await batches.put([])
        except Exception as error:  # handed to the caller, who raises it
            await batches.put(error)

    reader = asyncio.create_task(read())
    try:
        while True:
            batch = await batches.get()
            if isinstance(batch, BaseException):
                raise batch
            if not batch:
                return
            yield batch
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
