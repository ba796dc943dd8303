"""Read-model tables: queried by SqlReadModels, written by projections in the unit of work."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Table, bindparam, delete, func, select, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Row
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.tables import (
    AWAITING_REPLY,
    CATALOG_VERSION_CHECKPOINT,
    PROJECTIONS_CHECKPOINT,
    QUEUED,
    rm_checkpoints,
    rm_faqs,
    rm_messages,
    rm_queue,
    rm_queue_waits,
    rm_sessions,
)
from adapters.sql.upsert import upsert
from application.ports import RecordedEvent
from application.projections import project
from application.views import (
    ChatView,
    FAQView,
    MessageView,
    QueueEntryView,
    RatingView,
    SessionView,
)
from domain.message import Offer

if TYPE_CHECKING:
    from adapters.sql.database import Database

_FAQ_COLUMNS = ("id", "question", "answer", "keywords", "category", "priority", "active")
_MESSAGE_COLUMNS = ("id", "seq", "sender", "text", "source", "faq_id", "created_at",
                    "client_id", "agent", "suggestions", "citations", "helpful")


def _message_row(message: MessageView) -> dict[str, Any]:
    row = {name: getattr(message, name) for name in _MESSAGE_COLUMNS}
    row["suggestions"] = orjson.dumps([
        {"faq_id": o.faq_id, "question": o.question} for o in message.suggestions
    ]).decode() if message.suggestions else None
    row["citations"] = orjson.dumps(list(message.citations)).decode() \
        if message.citations else None
    return row


def _message_view(row: Mapping[str, Any] | Any) -> MessageView:
    values = dict(row)
    offered = values.pop("suggestions")
    cited = values.pop("citations")
    helpful = values.pop("helpful")
    return MessageView(
        **values,
        suggestions=tuple(Offer(o["faq_id"], o["question"]) for o in orjson.loads(offered))
        if offered else (),
        citations=tuple(orjson.loads(cited)) if cited else (),
        helpful=None if helpful is None else bool(helpful))


class SqlReadModels:
    """Queries only; each call reads with its own short connection."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def session(self, session_key: str, after_seq: int = 0) -> SessionView | None:
        async def read(conn: AsyncConnection) -> SessionView | None:
            s = (await conn.execute(
                select(rm_sessions).where(rm_sessions.c.session_key == session_key))).first()
            if s is None:
                return None
            rows = await conn.execute(
                select(*(rm_messages.c[name] for name in _MESSAGE_COLUMNS))
                .where(rm_messages.c.session_key == session_key, rm_messages.c.seq > after_seq)
                .order_by(rm_messages.c.seq))
            messages = [_message_view(row._mapping) for row in rows]
            rating = RatingView(s.rating_score, s.rating_comment, s.rated_at) \
                if s.rating_score is not None else None
            return SessionView(s.session_key, s.status, s.agent, s.started_at,
                               s.escalation_reason, messages, rating)

        return await self._db.reading(read)

    async def faqs(self, include_inactive: bool = False) -> list[FAQView]:
        query = select(rm_faqs).order_by(rm_faqs.c.priority.desc(), rm_faqs.c.ord)
        if not include_inactive:
            query = query.where(rm_faqs.c.active.is_(True))
        return [_faq(row) for row in await self._rows(query)]

    async def faq(self, faq_id: str) -> FAQView | None:
        rows = await self._rows(select(rm_faqs).where(rm_faqs.c.id == faq_id))
        return _faq(rows[0]) if rows else None

    async def queue(self) -> list[QueueEntryView]:
        query = (select(rm_queue, rm_sessions.c.last_visitor_message)
                 .outerjoin(rm_sessions, rm_sessions.c.session_key == rm_queue.c.session_key)
                 .order_by(rm_queue.c.ord))
        return [QueueEntryView(r.session_key, position, r.enqueued_at, r.reason,
                               r.last_visitor_message)
                for position, r in enumerate(await self._rows(query), start=1)]

    async def active_chats(self) -> list[ChatView]:
        query = (select(rm_sessions).where(rm_sessions.c.status == "with_agent")
                 .order_by(rm_sessions.c.started_at, rm_sessions.c.session_key))
        return [ChatView(r.session_key, r.agent, r.status, r.started_at, r.last_message)
                for r in await self._rows(query)]

    async def recent_waits(self, limit: int) -> list[float]:
        query = (select(rm_queue_waits.c.waited_seconds)
                 .order_by(rm_queue_waits.c.ord.desc()).limit(limit))
        return [float(row.waited_seconds) for row in await self._rows(query)]

    async def catalog_version(self) -> int:
        rows = await self._rows(select(rm_checkpoints.c.value)
                                .where(rm_checkpoints.c.name == CATALOG_VERSION_CHECKPOINT))
        return int(rows[0].value) if rows else 0

    async def sessions_awaiting_reply(self, asked_before: datetime, limit: int) -> list[str]:
        query = (select(rm_sessions.c.session_key)
                 .where(text(AWAITING_REPLY), rm_sessions.c.last_visitor_at < asked_before)
                 .order_by(rm_sessions.c.last_visitor_at, rm_sessions.c.session_key)
                 .limit(limit))
        return [row.session_key for row in await self._rows(query)]

    # No ORDER BY in the next two: sorting by key made PostgreSQL walk the whole sessions
    # index; unordered, it starts from the few queued sessions or the short queue instead
    # (bench/reconcile). The keys are sorted once fetched, for stable logs and tests.
    async def queued_sessions_not_waiting(self, limit: int) -> list[str]:
        waiting = select(rm_queue.c.session_key).where(
            rm_queue.c.session_key == rm_sessions.c.session_key)
        query = (select(rm_sessions.c.session_key)
                 .where(text(QUEUED), ~waiting.exists()).limit(limit))
        return sorted(row.session_key for row in await self._rows(query))

    async def waiting_sessions_gone(self, limit: int) -> list[str]:
        # one primary-key lookup per queue entry: a join would rather scan every closed session
        status = (select(rm_sessions.c.status)
                  .where(rm_sessions.c.session_key == rm_queue.c.session_key).scalar_subquery())
        query = (select(rm_queue.c.session_key)
                 .where(status.in_(("with_agent", "closed"))).limit(limit))
        return sorted(row.session_key for row in await self._rows(query))

    async def _rows(self, query: Any) -> list[Row[Any]]:
        async def read(conn: AsyncConnection) -> list[Row[Any]]:
            return list(await conn.execute(query))

        return await self._db.reading(read)


class SqlReadModelWriter:
    """The projection's writes, in the caller's (the unit of work's) transaction.

    New sessions, new messages, changes to sessions and the checkpoint are buffered and
    written by `flush()` in a few multi-row statements (sessions first, then messages, then
    each session's changes merged in order); the rarer writes (FAQs, the queue) go at once.
    Use `project_into` rather than this class directly, so the flush is never forgotten."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn
        self._new_sessions: list[dict[str, Any]] = []
        self._new_messages: list[dict[str, Any]] = []
        self._session_changes: dict[str, dict[str, Any]] = {}
        self._owed: dict[str, tuple[int, int]] = {}
        self._feedback: dict[tuple[str, int], bool] = {}
        self._checkpoint: int | None = None

    async def add_session(self, session_key: str, started_at: datetime) -> None:
        self._new_sessions.append({"session_key": session_key, "status": "bot",
                                   "agent": None, "escalation_reason": None,
                                   "started_at": started_at, "last_message": None,
                                   "last_visitor_message": None, "last_visitor_at": None,
                                   "unanswered": 0, "rating_score": None,
                                   "rating_comment": None, "rated_at": None})

    async def add_message(self, session_key: str, message: MessageView) -> None:
        self._new_messages.append({"session_key": session_key, **_message_row(message)})
        latest: dict[str, Any] = {"last_message": message.text}
        if message.sender == "user":
            latest.update(last_visitor_message=message.text, last_visitor_at=message.created_at)
            self._owe(session_key, +1)
        elif message.sender == "bot":
            self._owe(session_key, -1)
        await self._update_session(session_key, latest)

    async def set_session_status(self, session_key: str, status: str, agent: str | None = None,
                                 reason: str | None = None) -> None:
        changes: dict[str, Any] = {"status": status}
        if agent is not None:
            changes["agent"] = agent
        if reason is not None:
            changes["escalation_reason"] = reason
        await self._update_session(session_key, changes)

    async def set_feedback(self, session_key: str, seq: int, helpful: bool) -> None:
        self._feedback[(session_key, seq)] = helpful  # after the batch's new messages

    async def set_rating(self, session_key: str, rating: RatingView) -> None:
        await self._update_session(session_key, {"rating_score": rating.score,
                                                 "rating_comment": rating.comment,
                                                 "rated_at": rating.rated_at})

    async def save_faq(self, faq: FAQView, catalog_version: int) -> None:
        values = {name: getattr(faq, name) for name in _FAQ_COLUMNS}
        values["keywords"] = list(faq.keywords)
        # a new FAQ goes after every FAQ saved before it; an updated one keeps its place
        await upsert(self._conn, rm_faqs, {**values, "ord": catalog_version}, ["id"],
                     keep=["ord"])
        await self._set(CATALOG_VERSION_CHECKPOINT, catalog_version)

    async def deactivate_faq(self, faq_id: str, catalog_version: int) -> None:
        await self._conn.execute(
            update(rm_faqs).where(rm_faqs.c.id == faq_id).values(active=False))
        await self._set(CATALOG_VERSION_CHECKPOINT, catalog_version)

    async def remove_faq(self, faq_id: str, catalog_version: int) -> None:
        await self._conn.execute(delete(rm_faqs).where(rm_faqs.c.id == faq_id))
        await self._set(CATALOG_VERSION_CHECKPOINT, catalog_version)

    async def add_queue_entry(self, session_key: str, reason: str, enqueued_at: datetime,
                              order: int) -> None:
        await upsert(self._conn, rm_queue, {"session_key": session_key, "reason": reason,
                                            "enqueued_at": enqueued_at, "ord": order},
                     ["session_key"])

    async def remove_queue_entry(self, session_key: str) -> None:
        await self._conn.execute(delete(rm_queue).where(rm_queue.c.session_key == session_key))

    async def add_wait(self, session_key: str, waited_seconds: float, taken_at: datetime,
                       order: int) -> None:
        await upsert(self._conn, rm_queue_waits, {"ord": order, "session_key": session_key,
                                                  "waited_seconds": waited_seconds,
                                                  "taken_at": taken_at}, ["ord"])

    async def set_checkpoint(self, position: int) -> None:
        self._checkpoint = position

    async def flush(self) -> None:
        if self._new_sessions:  # a session started in this batch is inserted as it ends it
            for row in self._new_sessions:
                key = row["session_key"]
                row.update(self._session_changes.pop(key, {}))
                added, floor = self._owed.pop(key, (0, 0))
                row["unanswered"] = max(added, floor)
            await _insert_many(self._conn, rm_sessions, self._new_sessions)
        if self._new_messages:
            await _insert_many(self._conn, rm_messages, self._new_messages)
        if self._feedback:
            await self._conn.execute(
                update(rm_messages).where(rm_messages.c.session_key == bindparam("key_"),
                                          rm_messages.c.seq == bindparam("seq_"))
                .values(helpful=bindparam("helpful_")),
                [{"key_": key, "seq_": seq, "helpful_": helpful}
                 for (key, seq), helpful in self._feedback.items()])
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for session_key in self._session_changes.keys() | self._owed.keys():
            changes = dict(self._session_changes.get(session_key, {}))
            if session_key in self._owed:
                changes["owed_add_"], changes["owed_floor_"] = self._owed[session_key]
            by_columns.setdefault(tuple(sorted(changes)), []).append(
                {"key_": session_key, **changes})
        for columns, rows in by_columns.items():
            await _update_many(self._conn, rm_sessions, "session_key", rows,
                               owed="owed_add_" in columns)
        if self._checkpoint is not None:
            await self._set(PROJECTIONS_CHECKPOINT, self._checkpoint)
        self._new_sessions, self._new_messages, self._session_changes = [], [], {}
        self._owed, self._checkpoint, self._feedback = {}, None, {}

    def _owe(self, session_key: str, change: int) -> None:
        """Count the questions the bot still owes an answer: +1 a question, -1 an answer,
        never below 0. A run of such steps is one step `max(owed + added, floor)`, so a
        batch writes each session's count once, whatever was there before."""
        added, floor = self._owed.get(session_key, (0, 0))
        self._owed[session_key] = (added + change, max(floor + change, 0))

    async def _update_session(self, session_key: str, values: dict[str, Any]) -> None:
        self._session_changes.setdefault(session_key, {}).update(values)

    async def _set(self, name: str, value: int) -> None:
        await upsert(self._conn, rm_checkpoints, {"name": name, "value": value}, ["name"])


COPY_FROM = 200
"""From this many rows on, PostgreSQL gets them by COPY (a rebuild, a large group commit)."""


async def _insert_many(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows of one shape. On PostgreSQL one statement of the rows as one JSON document, or
    COPY for many rows: psycopg's executemany goes once round the event loop per row
    (pipeline mode), which cost a group commit more than everything else it sends."""
    columns = list(rows[0])
    if conn.dialect.name != "postgresql" or any(row.keys() != rows[0].keys() for row in rows):
        await conn.execute(table.insert(), rows)
        return
    names = ", ".join(f'"{name}"' for name in columns)
    if len(rows) < COPY_FROM:
        await conn.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM '
            f"{_recordset(table, tuple(columns))}", (_document(conn, table, rows),))
        return
    raw = (await conn.get_raw_connection()).driver_connection
    assert raw is not None
    async with raw.cursor() as cursor, \
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            await copy.write_row([row[name] for name in columns])


async def _update_many(conn: AsyncConnection, table: Table, key: str,
                       rows: list[dict[str, Any]], owed: bool) -> None:
    """Each row's columns set where table.key = its "key_"; keys distinct. With `owed`,
    "unanswered" becomes max(unanswered + owed_add_, owed_floor_). PostgreSQL gets one
    UPDATE ... FROM the rows as JSON (see _insert_many); SQLite an executemany."""
    columns = [name for name in rows[0] if name not in ("key_", "owed_add_", "owed_floor_")]
    if conn.dialect.name != "postgresql":
        greatest = func.max if conn.dialect.name == "sqlite" else func.greatest
        values: dict[str, Any] = {name: bindparam(name) for name in columns}
        if owed:
            values["unanswered"] = greatest(
                table.c.unanswered + bindparam("owed_add_"), bindparam("owed_floor_"))
        await conn.execute(update(table).where(table.c[key] == bindparam("key_"))
                           .values(values), rows)
        return
    sets = [f'"{name}" = v."{name}"' for name in columns]
    extra = ["key_ text"]
    if owed:
        sets.append("unanswered = greatest(t.unanswered + v.owed_add_, v.owed_floor_)")
        extra += ["owed_add_ integer", "owed_floor_ integer"]
    await conn.exec_driver_sql(
        f'UPDATE "{table.name}" AS t SET {", ".join(sets)} FROM '
        f'{_recordset(table, tuple(columns), tuple(extra))} WHERE t."{key}" = v.key_',
        (_document(conn, table, rows),))


def _document(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> str:
    """The rows as one JSON array, each value bound as SQLAlchemy would bind it
    (UTCDateTime refuses a naive time with the same StatementError)."""
    bound = [dict(row) for row in rows]
    for name in rows[0]:
        if name not in table.c:
            continue
        process = table.c[name].type.bind_processor(conn.dialect)
        if process is not None:
            try:
                for row in bound:
                    row[name] = process(row[name])
            except (TypeError, ValueError) as error:
                raise StatementError(str(error), table.name, None, error) from error
    return orjson.dumps(bound).decode()


_POSTGRES = postgresql.dialect()


@functools.cache
def _recordset(table: Table, columns: tuple[str, ...], extra: tuple[str, ...] = ()) -> str:
    """The rows of a JSON document parameter as a table v(columns..., extra...)."""
    typed = [f'"{name}" {table.c[name].type.compile(dialect=_POSTGRES)}' for name in columns]
    return f"jsonb_to_recordset(%s::jsonb) AS v({', '.join([*typed, *extra])})"


async def project_into(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
    """Project the events into the read-model tables in conn's transaction."""
    writer = SqlReadModelWriter(conn)
    await project(writer, recorded)
    await writer.flush()


def _faq(row: Row[Any]) -> FAQView:
    m = row._mapping
    return FAQView(m["id"], m["question"], m["answer"], list(m["keywords"]), m["category"],
                   m["priority"], bool(m["active"]))

