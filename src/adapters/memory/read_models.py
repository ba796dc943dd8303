"""Read models in dictionaries: the query side of the no-services mode and of the tests."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

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


@dataclass
class _Session:
    session_key: str
    status: str
    started_at: datetime
    agent: str | None = None
    reason: str | None = None
    last_message: str | None = None
    last_visitor_message: str | None = None
    last_visitor_at: datetime | None = None
    unanswered: int = 0  # visitor messages minus bot replies; meaningful while with the bot
    rating: RatingView | None = None
    contact: ContactView | None = None
    mail_owed: int = 0
    visitor_id: str | None = None
    context: VisitorContext | None = None
    summary: str | None = None
    messages: list[MessageView] = field(default_factory=list)
    notes: list[MessageView] = field(default_factory=list)


@dataclass
class _QueueEntry:
    session_key: str
    reason: str
    enqueued_at: datetime
    order: int
    flood: bool = False


class InMemoryReadModels:
    """Implements both ReadModels (queries) and ReadModelWriter (projection writes)."""

    def __init__(self) -> None:
        self._sessions: dict[str, _Session] = {}
        self._faqs: dict[str, FAQ] = {}
        self._faq_order: dict[str, int] = {}
        self._queue: dict[str, _QueueEntry] = {}
        self._waits: dict[int, float] = {}
        self._catalog_version = 0
        self.checkpoint = 0

    # -- queries ----------------------------------------------------------------------------

    async def session(self, session_key: str, after_seq: int = 0) -> SessionView | None:
        s = self._sessions.get(session_key)
        if s is None:
            return None
        messages = [m for m in s.messages if m.seq > after_seq]
        return SessionView(s.session_key, s.status, s.agent, s.started_at, s.reason, messages,
                           s.rating, s.visitor_id, s.context, s.summary)

    async def previous_sessions(self, visitor_id: str, before: str,
                                limit: int) -> list[PastSessionView]:
        theirs = [s for s in self._sessions.values()
                  if s.visitor_id == visitor_id and s.session_key != before]
        theirs.sort(key=lambda s: (s.started_at, s.session_key), reverse=True)
        return [PastSessionView(s.session_key, s.started_at, s.status) for s in theirs[:limit]]

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]:
        faqs = [f for f in self._faqs.values() if include_inactive or f.active]
        return sorted(faqs, key=lambda f: (-f.priority, self._faq_order[f.id]))

    async def faq(self, faq_id: str) -> FAQ | None:
        return self._faqs.get(faq_id)

    async def queue(self) -> list[QueueEntryView]:
        entries = sorted(self._queue.values(), key=lambda e: (e.flood, e.order))
        return [
            QueueEntryView(e.session_key, position, e.enqueued_at, e.reason,
                           self._sessions[e.session_key].last_visitor_message, e.flood,
                           self._sessions[e.session_key].summary)
            for position, e in enumerate(entries, start=1)
        ]

    async def active_chats(self) -> list[ChatView]:
        chats = [s for s in self._sessions.values() if s.status == SessionStatus.WITH_AGENT]
        return [ChatView(s.session_key, s.agent, s.status, s.started_at, s.last_message)
                for s in sorted(chats, key=lambda s: (s.started_at, s.session_key))]

    async def recent_waits(self, limit: int) -> list[float]:
        return [self._waits[order] for order in sorted(self._waits, reverse=True)[:limit]]

    async def catalog_version(self) -> int:
        return self._catalog_version

    async def sessions_owing_mail(self, limit: int) -> list[str]:
        return sorted(s.session_key for s in self._sessions.values() if s.mail_owed > 0)[:limit]

    async def contacts(self, limit: int = 200) -> list[ContactView]:
        left = [replace(s.contact, status=s.status) for s in self._sessions.values()
                if s.contact is not None]
        return sorted(left, key=lambda c: c.left_at, reverse=True)[:limit]

    async def sessions_awaiting_reply(self, asked_before: datetime, limit: int) -> list[str]:
        waiting = [s for s in self._sessions.values()
                   if s.status == SessionStatus.BOT and s.unanswered > 0
                   and s.last_visitor_at is not None and s.last_visitor_at < asked_before]
        waiting.sort(key=lambda s: (s.last_visitor_at, s.session_key))
        return [s.session_key for s in waiting[:limit]]

    async def queued_sessions_not_waiting(self, limit: int) -> list[str]:
        keys = sorted(k for k, s in self._sessions.items()
                      if s.status == SessionStatus.QUEUED and k not in self._queue)
        return keys[:limit]

    async def waiting_sessions_gone(self, limit: int) -> list[str]:
        gone = (SessionStatus.WITH_AGENT, SessionStatus.CLOSED)
        keys = sorted(k for k in self._queue if self._sessions[k].status in gone)
        return keys[:limit]

    # -- projection writes ------------------------------------------------------------------

    async def add_session(self, session_key: str, started_at: datetime,
                          visitor_id: str | None = None,
                          context: VisitorContext | None = None) -> None:
        self._sessions[session_key] = _Session(session_key, SessionStatus.BOT.value, started_at,
                                               visitor_id=visitor_id, context=context)

    async def set_summary(self, session_key: str, summary: str) -> None:
        session = self._sessions.get(session_key)
        if session is not None:
            session.summary = summary

    # Like the SQL tables, a change to a session or an FAQ that has no row changes nothing.

    async def notes(self, session_key: str) -> list[MessageView]:
        session = self._sessions.get(session_key)
        return list(session.notes) if session else []

    async def add_note(self, session_key: str, note: MessageView) -> None:
        session = self._sessions.get(session_key)
        if session is not None:
            session.notes.append(note)

    async def add_message(self, session_key: str, message: MessageView) -> None:
        session = self._sessions.get(session_key)
        if session is None:
            return
        session.messages.append(message)
        session.last_message = message.text
        if message.sender == "user":
            session.last_visitor_message = message.text
            session.last_visitor_at = message.created_at
            session.unanswered += 1
        elif message.sender == "bot":
            session.unanswered = max(0, session.unanswered - 1)

    async def set_session_status(self, session_key: str, status: SessionStatus,
                                 agent: str | None = None, reason: str | None = None,
                                 unassigned: bool = False) -> None:
        session = self._sessions.get(session_key)
        if session is None:
            return
        session.status = str(status)
        session.agent = None if unassigned else agent if agent is not None else session.agent
        session.reason = reason if reason is not None else session.reason

    async def set_feedback(self, session_key: str, seq: int, helpful: bool) -> None:
        messages = self._sessions[session_key].messages
        index = next(i for i, m in enumerate(messages) if m.seq == seq)
        messages[index] = replace(messages[index], helpful=helpful)

    async def set_rating(self, session_key: str, rating: RatingView) -> None:
        self._sessions[session_key].rating = rating

    async def set_contact(self, contact: ContactView) -> None:
        self._sessions[contact.session_key].contact = contact

    async def owe_mail(self, session_key: str, change: int) -> None:
        self._sessions[session_key].mail_owed += change

    async def save_faq(self, faq: FAQ, catalog_version: int) -> None:
        self._faq_order.setdefault(faq.id, catalog_version)  # a re-added FAQ goes last
        self._faqs[faq.id] = faq
        self._catalog_version = catalog_version

    async def deactivate_faq(self, faq_id: str, catalog_version: int) -> None:
        if faq_id in self._faqs:
            self._faqs[faq_id] = self._faqs[faq_id].deactivated()
        self._catalog_version = catalog_version

    async def remove_faq(self, faq_id: str, catalog_version: int) -> None:
        self._faqs.pop(faq_id, None)
        self._faq_order.pop(faq_id, None)
        self._catalog_version = catalog_version

    async def add_queue_entry(self, session_key: str, reason: str, enqueued_at: datetime,
                              order: int, flood: bool = False) -> None:
        self._queue[session_key] = _QueueEntry(session_key, reason, enqueued_at, order, flood)

    async def remove_queue_entry(self, session_key: str) -> None:
        self._queue.pop(session_key, None)

    async def add_wait(self, session_key: str, waited_seconds: float, taken_at: datetime,
                       order: int) -> None:
        self._waits[order] = waited_seconds

    async def set_checkpoint(self, position: int) -> None:
        self.checkpoint = position
