"""The time to rebuild every read model from a history of `count` events."""

from __future__ import annotations

import time

from adapters.sql.database import Database
from adapters.sql.rebuild import rebuild_projections
from bench.event_store.figures import Figure, timed
from bench.event_store.history import write_history
from bench.event_store.reads import log_read


async def rebuild(db: Database, backend: str, count: int) -> None:
    started = time.perf_counter()
    await write_history(db, count)
    print(f"{backend:<9}(history of {count} events written in "
          f"{time.perf_counter() - started:.1f} s)", flush=True)
    await log_read(db, backend)
    with timed(Figure(backend, "events replayed by a projection rebuild")) as figure:
        figure.count = await rebuild_projections(db)
