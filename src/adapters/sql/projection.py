"""The projection's writes into the read-model tables, in the caller's transaction (the
group commit's, or a rebuild's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.bulk import (
    Statement,
    combined,
    insert_many,
    insert_statement,
    update_many,
    update_statement,
)
from adapters.sql.rows import FAQ_COLUMNS, message_row
from adapters.sql.tables import (
    CATALOG_VERSION_CHECKPOINT,
    PROJECTIONS_CHECKPOINT,
    rm_checkpoints,
    rm_faqs,
    rm_messages,
    rm_notes,
    rm_queue,
    rm_queue_waits,
    rm_sessions,
)
from adapters.sql.upsert import upsert
from application.ports import RecordedEvent
from application.projections import project
from application.views import ContactView, MessageView, RatingView
from domain.chat_session import SessionStatus
from domain.faq import FAQ
from domain.visitor_context import VisitorContext


async def project_into(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
    """Project the events into the read-model tables in conn's transaction."""
    writer = SqlReadModelWriter(conn)
    await project(writer, recorded)
    await writer.flush()


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
        self._mail: dict[str, int] = {}
        self._checkpoint: int | None = None

    async def add_session(self, session_key: str, started_at: datetime,
                          visitor_id: str | None = None,
                          context: VisitorContext | None = None) -> None:
        seen = context or VisitorContext()
        self._new_sessions.append({"session_key": session_key, "status": SessionStatus.BOT.value,
                                   "agent": None, "escalation_reason": None,
                                   "started_at": started_at, "last_message": None,
                                   "last_visitor_message": None, "last_visitor_at": None,
                                   "unanswered": 0, "rating_score": None,
                                   "rating_comment": None, "rated_at": None,
                                   "contact_name": None, "contact_email": None,
                                   "contact_phone": None, "contact_offline": None,
                                   "contact_at": None, "mail_owed": 0,
                                   "visitor_id": visitor_id, "page_url": seen.page_url,
                                   "referrer": seen.referrer, "locale": seen.locale,
                                   "user_agent": seen.user_agent, "summary": None})

    async def set_summary(self, session_key: str, summary: str) -> None:
        await self._update_session(session_key, {"summary": summary})

    async def add_message(self, session_key: str, message: MessageView) -> None:
        self._new_messages.append({"session_key": session_key, **message_row(message)})
        latest: dict[str, Any] = {"last_message": message.text}
        if message.sender == "user":
            latest.update(last_visitor_message=message.text, last_visitor_at=message.created_at)
            self._owe(session_key, +1)
        elif message.sender == "bot":
            self._owe(session_key, -1)
        await self._update_session(session_key, latest)

    async def add_note(self, session_key: str, note: MessageView) -> None:
        # rare next to messages: written at once, not batched (the flush inserts sessions
        # first, and a note's session always exists before it: the note's event follows)
        await self._conn.execute(insert(rm_notes).values(
            id=note.id, session_key=session_key, after_seq=note.seq, agent=note.agent,
            text=note.text, created_at=note.created_at))

    async def set_session_status(self, session_key: str, status: SessionStatus,
                                 agent: str | None = None, reason: str | None = None,
                                 unassigned: bool = False) -> None:
        changes: dict[str, Any] = {"status": str(status)}
        if agent is not None or unassigned:
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

    async def owe_mail(self, session_key: str, change: int) -> None:
        self._mail[session_key] = self._mail.get(session_key, 0) + change  # after inserts

    async def set_contact(self, contact: ContactView) -> None:
        await self._update_session(contact.session_key, {
            "contact_name": contact.name, "contact_email": contact.email,
            "contact_phone": contact.phone, "contact_offline": contact.offline,
            "contact_at": contact.left_at})

    async def save_faq(self, faq: FAQ, catalog_version: int) -> None:
        values = {name: getattr(faq, name) for name in FAQ_COLUMNS}
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
                              order: int, flood: bool = False) -> None:
        await upsert(self._conn, rm_queue, {"session_key": session_key, "reason": reason,
                                            "enqueued_at": enqueued_at, "ord": order,
                                            "flood": flood},
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
        # On PostgreSQL the sessions, the messages, the changes to sessions and the checkpoint
        # go as one statement (one round trip): they touch different rows, so none depends on
        # another's. The feedback (on messages of this batch) and the mail counts (on sessions
        # of this batch) come after it.
        together: list[Statement] | None = [] if self._conn.dialect.name == "postgresql" \
            else None
        if self._new_sessions:  # a session started in this batch is inserted as it ends it
            for row in self._new_sessions:
                key = row["session_key"]
                row.update(self._session_changes.pop(key, {}))
                added, floor = self._owed.pop(key, (0, 0))
                row["unanswered"] = max(added, floor)
            await self._insert(together, rm_sessions, self._new_sessions)
        if self._new_messages:
            await self._insert(together, rm_messages, self._new_messages)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for session_key in self._session_changes.keys() | self._owed.keys():
            changes = dict(self._session_changes.get(session_key, {}))
            if session_key in self._owed:
                changes["owed_add_"], changes["owed_floor_"] = self._owed[session_key]
            by_columns.setdefault(tuple(sorted(changes)), []).append(
                {"key_": session_key, **changes})
        for columns, rows in by_columns.items():
            owed = "owed_add_" in columns
            if together is None:
                await update_many(self._conn, rm_sessions, "session_key", rows, owed=owed)
            else:
                together.append(update_statement(self._conn, rm_sessions, "session_key", rows,
                                                 owed))
        if self._checkpoint is not None:
            if together is None:
                await self._set(PROJECTIONS_CHECKPOINT, self._checkpoint)
            else:
                together.append((_SET_CHECKPOINT, (PROJECTIONS_CHECKPOINT, self._checkpoint)))
        if together:
            await self._conn.exec_driver_sql(*combined(together))
        if self._feedback:
            await self._conn.execute(
                update(rm_messages).where(rm_messages.c.session_key == bindparam("key_"),
                                          rm_messages.c.seq == bindparam("seq_"))
                .values(helpful=bindparam("helpful_")),
                [{"key_": key, "seq_": seq, "helpful_": helpful}
                 for (key, seq), helpful in self._feedback.items()])
        if any(self._mail.values()):
            await self._conn.execute(
                update(rm_sessions).where(rm_sessions.c.session_key == bindparam("key_"))
                .values(mail_owed=rm_sessions.c.mail_owed + bindparam("change_")),
                [{"key_": key, "change_": change} for key, change in self._mail.items()
                 if change])
        self._new_sessions, self._new_messages, self._session_changes = [], [], {}
        self._owed, self._checkpoint, self._feedback, self._mail = {}, None, {}, {}

    async def _insert(self, together: list[Statement] | None, table: Table,
                      rows: list[dict[str, Any]]) -> None:
        """Into `together` when it can go in one statement with others, else at once."""
        statement = insert_statement(self._conn, table, rows) if together is not None else None
        if statement is None or together is None:
            await insert_many(self._conn, table, rows)
        else:
            together.append(statement)

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


_SET_CHECKPOINT = ("INSERT INTO rm_checkpoints (name, value) VALUES (%s, %s) "
                   "ON CONFLICT (name) DO UPDATE SET value = excluded.value")
