"""Rebuilding the projections from the events gives exactly the tables kept live."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from adapters.sql.database import Database
from adapters.sql.rebuild import rebuild_projections
from adapters.sql.tables import READ_MODEL_TABLES, agents, events, rm_faqs, rm_messages, rm_sessions
from application import commands as c
from tests.integration.stores.backends import Backend
from tests.integration.stores.flows import clinic_day
from tests.integration.stores.support import bus_for


async def dump(db: Database) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    async with db.read_unbounded() as conn:
        for table in READ_MODEL_TABLES:
            rows = await conn.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [dict(row._mapping) for row in rows]
    return tables


async def vandalise(db: Database) -> None:
    async with db.connect() as conn, conn.begin():
        await conn.execute(delete(rm_messages).where(rm_messages.c.seq > 1))
        await conn.execute(update(rm_sessions).values(status="bogus", last_message=None))
        await conn.execute(insert(rm_faqs).values(
            id="ghost", question="?", answer="!", keywords=[], category="", priority=0,
            active=True, ord=0))


async def test_rebuilt_tables_equal_the_live_ones(sql: Backend) -> None:
    assert sql.db is not None
    await clinic_day(bus_for(sql), sql.read_models)
    live = await dump(sql.db)
    assert all(live[table.name] for table in READ_MODEL_TABLES)  # the flow fills every table
    async with sql.db.read_unbounded() as conn:
        event_count = await conn.scalar(select(func.count()).select_from(events))
        last_position = await conn.scalar(select(func.max(events.c.position)))
    await vandalise(sql.db)
    assert await dump(sql.db) != live

    progress: list[tuple[int, int]] = []
    replayed = await rebuild_projections(sql.db, lambda d, t: progress.append((d, t)),
                                         batch_size=7)

    assert await dump(sql.db) == live
    assert replayed == event_count
    assert progress[-1] == (event_count, event_count) and len(progress) > 1
    assert [done for done, _ in progress] == sorted({done for done, _ in progress})
    assert {"name": "projections", "value": last_position} in live["rm_checkpoints"]


async def test_rebuild_keeps_events_and_agents(sql: Backend) -> None:
    assert sql.db is not None
    async with sql.db.connect() as conn, conn.begin():
        await conn.execute(insert(agents).values(
            username="sara", password_hash="h", display_name="Sara",
            created_at=datetime(2025, 1, 1, tzinfo=UTC)))
    await clinic_day(bus_for(sql), sql.read_models)
    before = await sql.tail(0)
    await rebuild_projections(sql.db)
    assert await sql.tail(0) == before
    assert await sql.agents.get("sara") is not None


async def test_rebuilding_an_empty_store(sql: Backend) -> None:
    assert sql.db is not None
    progress: list[tuple[int, int]] = []
    assert await rebuild_projections(sql.db, lambda d, t: progress.append((d, t))) == 0
    assert progress == [] and all(rows == [] for rows in (await dump(sql.db)).values())


async def test_a_large_history_rebuilds_into_the_same_tables(sql: Backend) -> None:
    """Enough messages that PostgreSQL takes them by COPY, sessions that start in one batch
    and end in the next, conversations committed together by the group committer."""
    assert sql.db is not None
    bus = bus_for(sql)
    keys = [(await bus.handle(c.StartSession())).session_key for _ in range(60)]

    async def talk(key: str) -> None:
        for n in range(4):
            await bus.handle(c.PostVisitorMessage(key, f"question {n} from {key}", f"{key}-{n}"))

    await asyncio.gather(*(talk(key) for key in keys))
    await bus.idle()
    live = await dump(sql.db)
    assert len(live["rm_messages"]) >= 240
    await vandalise(sql.db)
    await rebuild_projections(sql.db, batch_size=250)
    assert await dump(sql.db) == live
