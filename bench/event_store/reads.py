"""Reads: whole streams by id (what loading an aggregate costs), and the log in order
(what a replay or a catching-up reader costs)."""

from __future__ import annotations

import random

from adapters.sql.database import Database
from bench.event_store.figures import Figure, timed


async def stream_reads(db: Database, backend: str, stream_ids: list[str], count: int) -> None:
    chooser = random.Random(7)
    with timed(Figure(backend, "stream reads (load one aggregate)", count)) as figure:
        events = 0
        async with db.read_unbounded() as conn:
            store = db.event_store(conn)
            for _ in range(count):
                events += len(await store.read_stream(chooser.choice(stream_ids)))
        figure.notes["events_read"] = events


async def log_read(db: Database, backend: str) -> None:
    with timed(Figure(backend, "events read in order (1000 a batch)")) as figure:
        async with db.read_unbounded() as conn:
            store = db.event_store(conn)
            position = 0
            while batch := await store.read_all(position, 1000):
                figure.count += len(batch)
                position = batch[-1].position
