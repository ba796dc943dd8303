"""The events table, inside the caller's transaction: reads, and the statements the group
commit (adapters.sql.group_commit, the one append path) is made of."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
import psycopg
from sqlalchemy import func, select, text
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.serialization import from_row, to_row
from adapters.sql.tables import events as events_table
from application.ports import RecordedEvent
from domain.base import DomainEvent


class SqlEventStore:
    """Shared by every backend; subclasses decide how appends are serialised."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def lock_for_append(self) -> None:
        """Make this transaction the only appender until it ends."""

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        query = (select(events_table).where(events_table.c.stream_id == stream_id)
                 .order_by(events_table.c.version))
        return [_recorded(row) for row in await self._conn.execute(query)]

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        query = (select(events_table).where(events_table.c.position > after_position)
                 .order_by(events_table.c.position).limit(limit))
        return [_recorded(row) for row in await self._conn.execute(query)]

    async def current_versions(self, stream_ids: Iterable[str]) -> dict[str, int]:
        """Each stream's version; streams without events are left out."""
        rows = await self._conn.execute(
            select(events_table.c.stream_id, func.max(events_table.c.version))
            .where(events_table.c.stream_id.in_(sorted(set(stream_ids))))
            .group_by(events_table.c.stream_id))
        return {stream_id: version for stream_id, version in rows}

    async def insert_batch(self, rows: Sequence[tuple[str, int, DomainEvent, dict[str, Any]]]
                           ) -> list[RecordedEvent]:
        """Insert (stream, version, event, metadata) rows in one statement, in order; the
        caller has checked the versions (under lock_for_append). A taken version raises
        IntegrityError."""
        if not rows:
            return []
        now = datetime.now(UTC)
        values = []
        for stream_id, version, event, metadata in rows:
            type_name, schema_version, data = to_row(event)
            values.append({"stream_id": stream_id, "version": version, "type": type_name,
                           "schema_version": schema_version, "data": data,
                           "metadata": metadata, "recorded_at": now})
        positions = await self._insert_rows(values)
        return [RecordedEvent(position, stream_id, version, event, now, dict(metadata))
                for position, (stream_id, version, event, metadata) in zip(positions, rows,
                                                                           strict=True)]

    async def _insert_rows(self, values: list[dict[str, Any]]) -> list[int]:
        """Insert the rows in one statement; their positions, in the rows' order."""
        result = await self._conn.execute(
            events_table.insert().returning(events_table.c.position,
                                            sort_by_parameter_order=True), values)
        return list(result.scalars())


class SqliteEventStore(SqlEventStore):
    """Transactions already begin IMMEDIATE (see Database): one writer at a time."""


class PostgresEventStore(SqlEventStore):
    """Takes the events table lock so positions are issued in commit order (readers that tail
    by position never skip an event that commits late); plain SELECTs are not blocked.

    read_all goes straight to the driver: a rebuild reads every event, and SQLAlchemy's row
    processing cost more than the query."""

    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__(conn)
        self._locked = False

    async def current_versions(self, stream_ids: Iterable[str]) -> dict[str, int]:
        """One statement text for any number of streams (an IN list of N parameters is a
        new statement, and a new server-side prepared plan, for every N); each stream's
        last version read from the end of its index, not by aggregating its whole history."""
        result = await self._conn.exec_driver_sql(
            "SELECT s.id, last.version FROM unnest(%s::text[]) AS s(id) CROSS JOIN LATERAL "
            "(SELECT version FROM events WHERE stream_id = s.id ORDER BY version DESC LIMIT 1)"
            " AS last", (sorted(set(stream_ids)),))
        rows: Sequence[Any] = result.all()
        return {stream_id: version for stream_id, version in rows}

    async def _insert_rows(self, values: list[dict[str, Any]]) -> list[int]:
        """One INSERT of the rows as one JSON document, in order: the sequence hands out
        positions in that order (under the table lock nobody else takes one in between).
        It is the cheapest form measured, well ahead of SQLAlchemy's executemany and of
        psycopg's arrays per column (ADR 0025 has the figures)."""
        raw = (await self._conn.get_raw_connection()).driver_connection
        assert raw is not None
        document = orjson.dumps(values).decode()
        try:
            async with raw.cursor() as cursor:
                await cursor.execute(
                    "INSERT INTO events (stream_id, version, type, schema_version, data, "
                    "metadata, recorded_at) SELECT s, v, t, sv, d, m, r FROM ROWS FROM ("
                    "jsonb_to_recordset(%s::jsonb) AS (stream_id text, version int, type text, "
                    "schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz)) "
                    "WITH ORDINALITY AS x(s, v, t, sv, d, m, r, n) "
                    "ORDER BY n RETURNING position, stream_id, version", (document,))
                returned = await cursor.fetchall()
        except psycopg.IntegrityError as error:  # as SQLAlchemy would have raised it
            raise IntegrityError("INSERT INTO events", None, error) from error
        by_key = {(stream_id, version): position for position, stream_id, version in returned}
        return [by_key[row["stream_id"], row["version"]] for row in values]

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        raw = (await self._conn.get_raw_connection()).driver_connection
        assert raw is not None
        async with raw.cursor() as cursor:
            await cursor.execute(
                "SELECT position, stream_id, version, type, schema_version, data, metadata, "
                "recorded_at FROM events WHERE position > %s ORDER BY position LIMIT %s",
                (after_position, limit))
            rows = await cursor.fetchall()
        return [RecordedEvent(position, stream_id, version,
                              from_row(type_name, schema_version, data),
                              recorded_at.astimezone(UTC), dict(metadata))
                for (position, stream_id, version, type_name, schema_version, data, metadata,
                     recorded_at) in rows]

    async def lock_for_append(self) -> None:
        if not self._locked:
            await self._conn.execute(text("LOCK TABLE events IN EXCLUSIVE MODE"))
            self._locked = True


def _recorded(row: Row[Any]) -> RecordedEvent:
    m = row._mapping
    event = from_row(m["type"], m["schema_version"], m["data"])
    return RecordedEvent(m["position"], m["stream_id"], m["version"], event, m["recorded_at"],
                         dict(m["metadata"]))
