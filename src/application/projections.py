"""How each event changes the read models, written once for every storage technology.

Adapters implement ReadModelWriter (a handful of small writes); this module decides which
writes an event means.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from application.ports import RecordedEvent
from application.views import FAQView, MessageView, RatingView
from domain.base import DomainEvent
from domain.faq_catalog import FAQAdded, FAQDeactivated, FAQRemoved, FAQUpdated
from domain.queue import TAKEN, SessionDequeued, SessionEnqueued
from domain.session_events import (
    AgentJoined,
    AgentMessagePosted,
    AnswerFeedbackGiven,
    BotAnswered,
    ConversationRated,
    SessionClosed,
    SessionEscalated,
    SessionStarted,
    SystemMessagePosted,
    VisitorMessagePosted,
)


class ReadModelWriter(Protocol):
    async def add_session(self, session_key: str, started_at: datetime) -> None: ...

    async def add_message(self, session_key: str, message: MessageView) -> None:
        """Store the message and make it the session's last message."""
        ...

    async def set_session_status(self, session_key: str, status: str, agent: str | None = None,
                                 reason: str | None = None) -> None:
        """Change status; agent and reason are only changed when given."""
        ...

    async def set_feedback(self, session_key: str, seq: int, helpful: bool) -> None:
        """The visitor's latest word on whether the message `seq` helped."""
        ...

    async def set_rating(self, session_key: str, rating: RatingView) -> None: ...

    async def save_faq(self, faq: FAQView, catalog_version: int) -> None: ...

    async def deactivate_faq(self, faq_id: str, catalog_version: int) -> None: ...

    async def remove_faq(self, faq_id: str, catalog_version: int) -> None: ...

    async def add_queue_entry(self, session_key: str, reason: str, enqueued_at: datetime,
                              order: int) -> None: ...

    async def remove_queue_entry(self, session_key: str) -> None: ...

    async def add_wait(self, session_key: str, waited_seconds: float, taken_at: datetime,
                       order: int) -> None:
        """Remember how long a session taken by an agent waited in the queue."""
        ...

    async def set_checkpoint(self, position: int) -> None: ...


def message_view(event: DomainEvent) -> MessageView | None:
    """The contract's Message for a message event, or None for other events."""
    match event:
        case VisitorMessagePosted():
            return MessageView(event.message_id, event.seq, "user", event.text, None,
                               event.faq_id, event.at, event.client_id)
        case BotAnswered():
            return MessageView(event.message_id, event.seq, "bot", event.text, event.source,
                               event.faq_id, event.at, None, suggestions=event.suggestions,
                               citations=event.citations)
        case SystemMessagePosted():
            return MessageView(event.message_id, event.seq, "system", event.text, "system",
                               None, event.at, None)
        case AgentMessagePosted():
            return MessageView(event.message_id, event.seq, "agent", event.text, "agent",
                               None, event.at, event.client_id, agent=event.agent)
    return None


def faq_view(event: FAQAdded | FAQUpdated) -> FAQView:
    return FAQView(event.faq_id, event.question, event.answer, list(event.keywords),
                   event.category, event.priority, event.active)


async def project(writer: ReadModelWriter, batch: Sequence[RecordedEvent]) -> None:
    for recorded in batch:
        await _project_one(writer, recorded)
    if batch:
        await writer.set_checkpoint(batch[-1].position)


async def _project_one(writer: ReadModelWriter, recorded: RecordedEvent) -> None:
    event = recorded.event
    key = recorded.stream_id.removeprefix("session-")
    message = message_view(event)
    if message is not None:
        await writer.add_message(key, message)
        return
    match event:
        case SessionStarted():
            await writer.add_session(event.session_key, event.at)
        case SessionEscalated():
            await writer.set_session_status(key, "queued", reason=event.reason)
        case AgentJoined():
            await writer.set_session_status(key, "with_agent", agent=event.agent)
        case SessionClosed():
            await writer.set_session_status(key, "closed")
        case AnswerFeedbackGiven():
            await writer.set_feedback(key, event.seq, event.helpful)
        case ConversationRated():
            await writer.set_rating(key, RatingView(event.score, event.comment, event.at))
        case FAQAdded() | FAQUpdated():
            await writer.save_faq(faq_view(event), recorded.version)
        case FAQDeactivated():
            await writer.deactivate_faq(event.faq_id, recorded.version)
        case FAQRemoved():
            await writer.remove_faq(event.faq_id, recorded.version)
        case SessionEnqueued():
            await writer.add_queue_entry(event.session_key, event.reason, event.at,
                                         recorded.position)
        case SessionDequeued():
            await writer.remove_queue_entry(event.session_key)
            if event.cause == TAKEN and event.waited_seconds is not None:
                await writer.add_wait(event.session_key, event.waited_seconds, event.at,
                                      recorded.position)
