"""How each event changes the read models, written once for every storage technology.

Adapters implement ReadModelWriter (a handful of small writes); this module decides which
writes an event means.
"""

from __future__ import annotations

from collections.abc import Sequence

from application.ports import ReadModelWriter, RecordedEvent
from application.views import ContactView, MessageView, RatingView
from domain.base import DomainEvent
from domain.chat_session import session_key_in, status_after
from domain.faq.catalog import FAQAdded, FAQDeactivated, FAQRemoved, FAQUpdated
from domain.queue import TAKEN, SessionDequeued, SessionEnqueued, SessionRequeued
from domain.session_events import (
    AgentJoined,
    AgentMessagePosted,
    AnswerFeedbackGiven,
    BotAnswered,
    ContactLeft,
    ConversationRated,
    HandoffSummarized,
    MailQueued,
    MailSent,
    NoteLeft,
    SessionClosed,
    SessionEscalated,
    SessionReturnedToQueue,
    SessionStarted,
    SessionTransferred,
    SystemMessagePosted,
    VisitorMessagePosted,
)


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


def note_view(event: NoteLeft) -> MessageView:
    """An agent's note as agents see it: a message from "note", shown after the message
    `seq` names (notes have no seq of their own)."""
    return MessageView(event.note_id, event.after_seq, "note", event.text, None, None,
                       event.at, None, agent=event.agent)


async def project(writer: ReadModelWriter, batch: Sequence[RecordedEvent]) -> None:
    for recorded in batch:
        await _project_one(writer, recorded)
    if batch:
        await writer.set_checkpoint(batch[-1].position)


async def _project_one(writer: ReadModelWriter, recorded: RecordedEvent) -> None:
    event = recorded.event
    key = session_key_in(recorded.stream_id)
    if key is not None:
        await _project_session(writer, key, event)
        return
    match event:
        case FAQAdded() | FAQUpdated():
            await writer.save_faq(event.content.with_id(event.faq_id), recorded.version)
        case FAQDeactivated():
            await writer.deactivate_faq(event.faq_id, recorded.version)
        case FAQRemoved():
            await writer.remove_faq(event.faq_id, recorded.version)
        case SessionEnqueued():
            await writer.add_queue_entry(event.session_key, event.reason, event.at,
                                         recorded.position, event.flood)
        case SessionRequeued():  # ahead of every arrival: their orders are positions
            await writer.add_queue_entry(event.session_key, event.reason, event.at,
                                         -recorded.position, event.flood)
        case SessionDequeued():
            await writer.remove_queue_entry(event.session_key)
            if event.cause == TAKEN and event.waited_seconds is not None:
                await writer.add_wait(event.session_key, event.waited_seconds, event.at,
                                      recorded.position)


async def _project_session(writer: ReadModelWriter, key: str, event: DomainEvent) -> None:
    message = message_view(event)
    if message is not None:
        await writer.add_message(key, message)
        return
    status = status_after(event)
    match event:
        case SessionStarted():
            await writer.add_session(event.session_key, event.at, event.visitor_id,
                                     event.context)
        case HandoffSummarized():
            await writer.set_summary(key, event.summary)
        case SessionEscalated() if status is not None:
            await writer.set_session_status(key, status, reason=event.reason)
        case AgentJoined() if status is not None:
            await writer.set_session_status(key, status, agent=event.agent)
        case SessionTransferred() if status is not None:
            await writer.set_session_status(key, status, agent=event.to_agent)
        case SessionReturnedToQueue() if status is not None:
            await writer.set_session_status(key, status, unassigned=True)
        case SessionClosed() if status is not None:
            await writer.set_session_status(key, status)
        case AnswerFeedbackGiven():
            await writer.set_feedback(key, event.seq, event.helpful)
        case MailQueued():
            await writer.owe_mail(key, 1)
        case MailSent():
            await writer.owe_mail(key, -1)
        case ContactLeft():
            await writer.set_contact(ContactView(key, event.name, event.email, event.phone,
                                                 event.offline, event.at))
        case ConversationRated():
            await writer.set_rating(key, RatingView(event.score, event.comment, event.at))
        case NoteLeft():
            await writer.add_note(key, note_view(event))
