"""The read-model tables as ReadModels: queries only, each on its own short connection."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.rows import MESSAGE_COLUMNS, faq_of, message_view
from adapters.sql.tables import (
    AWAITING_REPLY,
    CATALOG_VERSION_CHECKPOINT,
    QUEUED,
    rm_checkpoints,
    rm_faqs,
    rm_messages,
    rm_notes,
    rm_queue,
    rm_queue_waits,
    rm_sessions,
)
from application.views import (
    ChatView,
    ContactView,
    MessageView,
    PastSessionView,
    QueueEntryView,
    RatingView,
    SessionView,
)
from domain.chat_session import SessionStatus
from domain.faq import FAQ
from domain.visitor_context import VisitorContext

if TYPE_CHECKING:
    from adapters.sql.database import Database


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
                select(*(rm_messages.c[name] for name in MESSAGE_COLUMNS))
                .where(rm_messages.c.session_key == session_key, rm_messages.c.seq > after_seq)
                .order_by(rm_messages.c.seq))
            messages = [message_view(row._mapping) for row in rows]
            rating = RatingView(s.rating_score, s.rating_comment, s.rated_at) \
                if s.rating_score is not None else None
            context = VisitorContext.of(s.page_url, s.referrer, s.locale, s.user_agent)
            return SessionView(s.session_key, s.status, s.agent, s.started_at,
                               s.escalation_reason, messages, rating, s.visitor_id, context,
                               s.summary)

        return await self._db.reading(read)

    async def previous_sessions(self, visitor_id: str, before: str,
                                limit: int) -> list[PastSessionView]:
        c = rm_sessions.c
        query = (select(c.session_key, c.started_at, c.status)
                 .where(c.visitor_id == visitor_id, c.session_key != before)
                 .order_by(c.started_at.desc(), c.session_key.desc()).limit(limit))
        return [PastSessionView(r.session_key, r.started_at, r.status)
                for r in await self._rows(query)]

    async def notes(self, session_key: str) -> list[MessageView]:
        query = select(rm_notes).where(rm_notes.c.session_key == session_key).order_by(
            rm_notes.c.after_seq, rm_notes.c.created_at, rm_notes.c.id)
        return [MessageView(row.id, row.after_seq, "note", row.text, None, None,
                            row.created_at, None, agent=row.agent)
                for row in await self._rows(query)]

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]:
        query = select(rm_faqs).order_by(rm_faqs.c.priority.desc(), rm_faqs.c.ord)
        if not include_inactive:
            query = query.where(rm_faqs.c.active.is_(True))
        return [faq_of(row) for row in await self._rows(query)]

    async def faq(self, faq_id: str) -> FAQ | None:
        rows = await self._rows(select(rm_faqs).where(rm_faqs.c.id == faq_id))
        return faq_of(rows[0]) if rows else None

    async def queue(self) -> list[QueueEntryView]:
        query = (select(rm_queue, rm_sessions.c.last_visitor_message, rm_sessions.c.summary)
                 .outerjoin(rm_sessions, rm_sessions.c.session_key == rm_queue.c.session_key)
                 .order_by(rm_queue.c.flood, rm_queue.c.ord))
        return [QueueEntryView(r.session_key, position, r.enqueued_at, r.reason,
                               r.last_visitor_message, r.flood, r.summary)
                for position, r in enumerate(await self._rows(query), start=1)]

    async def active_chats(self) -> list[ChatView]:
        query = (select(rm_sessions).where(rm_sessions.c.status == SessionStatus.WITH_AGENT.value)
                 .order_by(rm_sessions.c.started_at, rm_sessions.c.session_key))
        return [ChatView(r.session_key, r.agent, r.status, r.started_at, r.last_message)
                for r in await self._rows(query)]

    async def recent_waits(self, limit: int) -> list[float]:
        query = (select(rm_queue_waits.c.waited_seconds)
                 .order_by(rm_queue_waits.c.ord.desc()).limit(limit))
        return [float(row.waited_seconds) for row in await self._rows(query)]

    async def sessions_owing_mail(self, limit: int) -> list[str]:
        query = (select(rm_sessions.c.session_key).where(rm_sessions.c.mail_owed > 0)
                 .limit(limit))
        return sorted(row.session_key for row in await self._rows(query))

    async def contacts(self, limit: int = 200) -> list[ContactView]:
        c = rm_sessions.c
        query = (select(c.session_key, c.contact_name, c.contact_email, c.contact_phone,
                        c.contact_offline, c.contact_at, c.status)
                 .where(c.contact_at.is_not(None))
                 .order_by(c.contact_at.desc(), c.session_key).limit(limit))
        return [ContactView(r.session_key, r.contact_name, r.contact_email, r.contact_phone,
                            bool(r.contact_offline), r.contact_at, r.status)
                for r in await self._rows(query)]

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
        gone = (SessionStatus.WITH_AGENT.value, SessionStatus.CLOSED.value)
        query = select(rm_queue.c.session_key).where(status.in_(gone)).limit(limit)
        return sorted(row.session_key for row in await self._rows(query))

    async def _rows(self, query: Any) -> list[Row[Any]]:
        async def read(conn: AsyncConnection) -> list[Row[Any]]:
            return list(await conn.execute(query))

        return await self._db.reading(read)
