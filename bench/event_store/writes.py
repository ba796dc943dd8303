"""Appends the way the unit of work makes them: in one transaction, read the stream's
version, then append after it; a ConcurrencyError means another writer won: retry."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from adapters.sql.database import Database
from adapters.sql.tables import events
from application.ports import ConcurrencyError
from application.unit_of_work import Append
from bench.event_store.figures import Figure, timed
from domain.session_events import VisitorMessagePosted


def message(seq: int) -> VisitorMessagePosted:
    return VisitorMessagePosted(message_id=f"m{seq}", seq=seq, client_id=None,
                                at=datetime.now(UTC), text="How do I book an appointment?")


async def append_once(db: Database, stream_id: str) -> bool:
    """One event appended after the stream's current version in a transaction of its own,
    without the group committer; False on a lost race."""
    async with db.connect() as conn, conn.begin():
        version = await conn.scalar(select(func.coalesce(func.max(events.c.version), 0))
                                    .where(events.c.stream_id == stream_id)) or 0
        store = db.event_store(conn)
        await store.lock_for_append()
        current = await store.current_versions([stream_id])
        if current.get(stream_id, 0) != version:
            return False
        try:
            await store.insert_batch([(stream_id, version + 1, message(version + 1), {})])
        except IntegrityError:
            return False
    return True


async def append_grouped(db: Database, stream_id: str) -> bool:
    """The same through the group committer, as the unit of work commits now: the version is
    read on a read-only connection, the append joins whatever group is being written."""
    current = await db.reading(lambda conn: db.event_store(conn).current_versions([stream_id]))
    version = current.get(stream_id, 0)
    try:
        await db.committer.write([Append(stream_id, version, (message(version + 1),))], {})
    except ConcurrencyError:
        return False
    return True


async def writer(db: Database, stream_id: str, appends: int, grouped: bool = False) -> int:
    """Appends until `appends` succeeded; returns how many attempts lost a race."""
    conflicts = done = lost = 0
    append = append_grouped if grouped else append_once
    while done < appends:
        if await append(db, stream_id):
            done, lost = done + 1, 0
        else:
            conflicts, lost = conflicts + 1, lost + 1
            if grouped:  # as Services.in_transaction does
                await asyncio.sleep(random.uniform(0, 0.004 * min(lost, 8)))
    return conflicts


async def sequential_appends(db: Database, backend: str, count: int) -> list[str]:
    """Returns the streams written, for the read figures."""
    streams = [f"bench-seq-{number}" for number in range(count)]
    with timed(Figure(backend, "appends, one writer, new streams", count)):
        for stream_id in streams:
            await append_once(db, stream_id)
    return streams


async def concurrent_appends(db: Database, backend: str, writers: int, per_writer: int,
                             hot: bool, grouped: bool = False) -> None:
    name = ("group commit" if grouped else "appends") + f", {writers} writers, " + (
        "ONE hot stream" if hot else "own streams")
    prefix = "bench-grouped" if grouped else "bench"
    streams = [f"{prefix}-hot"] * writers if hot else [
        f"{prefix}-own-{n}" for n in range(writers)]
    with timed(Figure(backend, name, writers * per_writer)) as figure:
        conflicts = await asyncio.gather(*(writer(db, s, per_writer, grouped)
                                           for s in streams))
        figure.notes["conflicts_retried"] = sum(conflicts)
