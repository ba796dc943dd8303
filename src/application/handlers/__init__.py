"""Command handlers and event handlers (policies), registered in one explicit map each."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from application import commands, handoff, mailing
from application.faq import handlers as faqs
from application.handlers import assigning, policies, sessions, transfers
from application.ports import RecordedEvent
from application.services import Services
from domain import queue, session_events
from domain.chat_session import session_key_in
from domain.faq import catalog as faq_catalog

CommandHandler = Callable[[Any, Services], Awaitable[Any]]
EventHandler = Callable[[RecordedEvent, Services], Awaitable[None]]

COMMAND_HANDLERS: dict[type[commands.Command], CommandHandler] = {
    commands.StartSession: sessions.start_session,
    commands.PostVisitorMessage: sessions.post_visitor_message,
    commands.EscalateSession: sessions.escalate_session,
    commands.JoinSession: sessions.join_session,
    commands.TransferSession: transfers.transfer_session,
    commands.PostAgentMessage: sessions.post_agent_message,
    commands.LeaveNote: sessions.leave_note,
    commands.CloseSession: sessions.close_session,
    commands.GiveFeedback: sessions.give_feedback,
    commands.RateConversation: sessions.rate_conversation,
    commands.LeaveContact: sessions.leave_contact,
    commands.MailTranscript: sessions.mail_transcript,
    commands.AddFAQ: faqs.add_faq,
    commands.UpdateFAQ: faqs.update_faq,
    commands.DeactivateFAQ: faqs.deactivate_faq,
    commands.RemoveFAQ: faqs.remove_faq,
    commands.ImportFAQs: faqs.import_faqs,
    commands.AssignWaiting: assigning.assign_waiting,
}


def settled_in_commit(batch: Sequence[RecordedEvent], svc: Services) -> set[int]:
    """Positions of events whose policies have nothing left to do, because the command that
    recorded them did it: a visitor's message its own command answered or escalated on its
    words, or one for the people the conversation is with (application.deciding)."""
    return {r.position for r in batch
            if isinstance(r.event, session_events.VisitorMessagePosted)
            and svc.handoff.settled((session_key_in(r.stream_id) or "", r.event.seq))}


EVENT_HANDLERS: dict[type, list[EventHandler]] = {
    session_events.VisitorMessagePosted: [policies.answer_visitor],
    # in this order: every queue entry has a summary, and the model never holds up the queue
    session_events.SessionEscalated: [handoff.summarize_from_conversation,
                                      policies.enqueue_escalated, handoff.summarize_with_model],
    session_events.AgentJoined: [policies.dequeue_taken],
    session_events.SessionClosed: [policies.dequeue_closed, assigning.on_close],
    session_events.SessionReturnedToQueue: [assigning.on_return, policies.requeue_returned],
    # a transfer leaves its old agent with room; a conversation back in the queue waits
    session_events.SessionTransferred: [assigning.on_queue_change],
    queue.SessionEnqueued: [assigning.on_queue_change],
    queue.SessionRequeued: [assigning.on_queue_change],
    session_events.MailQueued: [mailing.deliver_mail],
    faq_catalog.FAQAdded: [],
    faq_catalog.FAQUpdated: [],
    faq_catalog.FAQDeactivated: [],
    faq_catalog.FAQRemoved: [],
}
