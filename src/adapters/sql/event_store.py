"""The events table, inside the caller's transaction: reads, and the statements the group
commit (adapters.sql.group_commit, the one append path) is made of."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
import psycopg
from sqlalchemy import func, select, text
from sqlalchemy.engine import Row as SqlRow
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.serialization import from_row, to_row
from adapters.sql.tables import events as events_table
from application.ports import Append, ConcurrencyError, RecordedEvent, version_conflict
from domain.base import DomainEvent

Row = tuple[str, int, DomainEvent, dict[str, Any]]
"""An event to insert: (stream, version, event, metadata)."""
Request = tuple[Sequence[Append], dict[str, Any]]
"""One caller's appends and their metadata, all stored or none."""
Checked = tuple[list[ConcurrencyError | None], list[RecordedEvent]]
"""Each request's conflict (None: stored), and the recorded events of those stored, in order."""


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

    async def append_checked(self, requests: Sequence[Request]) -> Checked:
        """Under the append lock, check each request's expected versions in order (a request
        accepted moves its streams on for those after it, version_conflict) and insert the
        events of the requests that hold. Ends with the lock held."""
        await self.lock_for_append()
        current = await self.current_versions(
            a.stream_id for appends, _ in requests for a in appends)
        return await self._insert_holding(requests, current)

    async def _insert_holding(self, requests: Sequence[Request], current: dict[str, int]
                              ) -> Checked:
        """Check each request against the versions found, in order, and insert those that
        hold."""
        conflicts = [version_conflict(appends, current) for appends, _ in requests]
        accepted = [request for request, conflict in zip(requests, conflicts, strict=True)
                    if conflict is None]
        return conflicts, await self.insert_batch(rows_of(accepted))

    async def insert_batch(self, rows: Sequence[Row]) -> list[RecordedEvent]:
        """Insert (stream, version, event, metadata) rows in one statement, in order; the
        caller has checked the versions (under lock_for_append). A taken version raises
        IntegrityError."""
        if not rows:
            return []
        now = datetime.now(UTC)
        return _recorded_at(rows, now, await self._insert_rows(_values(rows, now)))

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

    async def append_checked(self, requests: Sequence[Request]) -> Checked:
        """Usually one round trip: the lock, and an INSERT that reads the streams' versions
        and stores the whole batch only if they are the versions the batch was decided on
        (then every request holds, as version_conflict would have found). Otherwise the
        INSERT stores nothing and returns the versions it found, and the requests are
        checked against them one by one as on any backend, in the same transaction, still
        under the lock."""
        assumed = _assumed_versions(requests)
        if assumed is None or self._locked:  # the batch conflicts within itself
            return await super().append_checked(requests)
        rows = rows_of(requests)
        now = datetime.now(UTC)
        values = _values(rows, now)
        streams = sorted(assumed)
        raw = await self._driver()
        try:
            async with raw.pipeline(), raw.cursor() as cursor:
                await cursor.execute(_LOCK)
                await cursor.execute(_CHECKED_INSERT, (
                    streams, [assumed[stream] for stream in streams],
                    orjson.dumps(values).decode()))
                returned = await cursor.fetchall()
        except psycopg.Error as error:
            raise _as_sqlalchemy(error, _CHECKED_INSERT) from error
        self._locked = True
        if returned and returned[0][0] is None:  # a version moved: nothing was inserted
            current = {stream_id: version for _, stream_id, version in returned if version}
            return await self._insert_holding(requests, current)
        return [None] * len(requests), _recorded_at(rows, now, _positions(values, returned))

    async def _insert_rows(self, values: list[dict[str, Any]]) -> list[int]:
        """One INSERT of the rows as one JSON document, in order: the sequence hands out
        positions in that order (under the table lock nobody else takes one in between).
        It is the cheapest form measured, well ahead of SQLAlchemy's executemany and of
        psycopg's arrays per column (ADR 0025 has the figures)."""
        raw = await self._driver()
        document = orjson.dumps(values).decode()
        try:
            async with raw.cursor() as cursor:
                await cursor.execute(f"{_INSERT} RETURNING position, stream_id, version",
                                     (document,))
                returned = await cursor.fetchall()
        except psycopg.IntegrityError as error:  # as SQLAlchemy would have raised it
            raise IntegrityError("INSERT INTO events", None, error) from error
        return _positions(values, returned)

    async def _driver(self) -> psycopg.AsyncConnection[Any]:
        raw = (await self._conn.get_raw_connection()).driver_connection
        assert raw is not None
        return raw

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
            await self._conn.execute(text(_LOCK))
            self._locked = True


_LOCK = "LOCK TABLE events IN EXCLUSIVE MODE"
_INSERT = (
    "INSERT INTO events (stream_id, version, type, schema_version, data, metadata, recorded_at)"
    " SELECT s, v, t, sv, d, m, r FROM ROWS FROM (jsonb_to_recordset(%s::jsonb) AS ("
    "stream_id text, version int, type text, schema_version int, data jsonb, metadata jsonb, "
    "recorded_at timestamptz)) WITH ORDINALITY AS x(s, v, t, sv, d, m, r, n)")
# The versions found (each stream's last, read from the end of its index; 0 for none) decide
# whether the rows go in; when they do, their positions come back, when they do not, the
# versions (position null). One statement: the versions and the insert see the same snapshot,
# taken after the lock.
_CHECKED_INSERT = (
    "WITH found AS (SELECT e.id, coalesce((SELECT version FROM events WHERE stream_id = e.id "
    "ORDER BY version DESC LIMIT 1), 0) AS version, e.expected "
    "FROM unnest(%s::text[], %s::int[]) AS e(id, expected)), "
    "held AS (SELECT coalesce(bool_and(version = expected), true) AS ok FROM found), "
    "added AS (" + _INSERT + " WHERE (SELECT ok FROM held) ORDER BY n "
    "RETURNING position, stream_id, version) "
    "SELECT position, stream_id, version FROM added "
    "UNION ALL SELECT NULL, id, version FROM found WHERE NOT (SELECT ok FROM held)")


def rows_of(requests: Sequence[Request]) -> list[Row]:
    """The requests' events as rows, each after the version its append expects."""
    return [(a.stream_id, a.expected_version + number, event, metadata)
            for appends, metadata in requests for a in appends
            for number, event in enumerate(a.events, start=1)]


def _assumed_versions(requests: Sequence[Request]) -> dict[str, int] | None:
    """Each stream's version as the batch's first append to it expects it. When the streams
    are at these versions, every request holds (the check in order finds no conflict: tried
    here); when one is not, the first request on that stream conflicts. None when requests
    conflict among themselves whatever the stored versions."""
    assumed: dict[str, int] = {}
    running: dict[str, int] = {}
    for appends, _ in requests:
        for append in appends:
            if append.stream_id not in assumed:
                assumed[append.stream_id] = running[append.stream_id] = append.expected_version
        if version_conflict(appends, running) is not None:
            return None
    return assumed


def _values(rows: Sequence[Row], now: datetime) -> list[dict[str, Any]]:
    values = []
    for stream_id, version, event, metadata in rows:
        type_name, schema_version, data = to_row(event)
        values.append({"stream_id": stream_id, "version": version, "type": type_name,
                       "schema_version": schema_version, "data": data,
                       "metadata": metadata, "recorded_at": now})
    return values


def _recorded_at(rows: Sequence[Row], now: datetime, positions: list[int]
                 ) -> list[RecordedEvent]:
    return [RecordedEvent(position, stream_id, version, event, now, dict(metadata))
            for position, (stream_id, version, event, metadata) in zip(positions, rows,
                                                                       strict=True)]


def _positions(values: list[dict[str, Any]], returned: Sequence[Any]) -> list[int]:
    """The positions RETURNING gave, in the rows' order."""
    by_key = {(stream_id, version): position for position, stream_id, version in returned}
    return [by_key[row["stream_id"], row["version"]] for row in values]


def _as_sqlalchemy(error: psycopg.Error, statement: str) -> StatementError:
    """A driver error raised outside SQLAlchemy, as SQLAlchemy would have raised it (so an
    IntegrityError or an outage is told apart the same way)."""
    return DBAPIError.instance(statement, None, error, psycopg.Error)


def _recorded(row: SqlRow[Any]) -> RecordedEvent:
    m = row._mapping
    event = from_row(m["type"], m["schema_version"], m["data"])
    return RecordedEvent(m["position"], m["stream_id"], m["version"], event, m["recorded_at"],
                         dict(m["metadata"]))
