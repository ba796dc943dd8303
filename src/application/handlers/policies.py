"""Reactions to events: answer the visitor, keep the queue in step with the sessions.

Each may run twice for one event (the reconciler repeats a reaction it cannot see done,
perhaps while the first run is still at work), so each must record its effect once only.
"""

from __future__ import annotations

from application.handlers.answering import answer
from application.ports import RecordedEvent, UnitOfWork
from application.services import Services
from domain.chat_session import SessionStatus, session_key_in
from domain.queue import CLOSED, TAKEN
from domain.session_events import (
    AgentJoined,
    SessionClosed,
    SessionEscalated,
    SessionReturnedToQueue,
    VisitorMessagePosted,
)


def session_key_of(recorded: RecordedEvent) -> str:
    key = session_key_in(recorded.stream_id)
    assert key is not None, "a session's event outside a session's stream"
    return key


async def answer_visitor(recorded: RecordedEvent, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, VisitorMessagePosted)
    await answer(session_key_of(recorded), event, svc)


async def enqueue_escalated(recorded: RecordedEvent, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, SessionEscalated)
    session_key = session_key_of(recorded)

    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is None or session.status is not SessionStatus.QUEUED:
            return  # taken or closed before this ran: it must not wait again
        (await uow.queue()).enqueue(session_key, event.reason, event.at, event.flood)

    await svc.in_transaction(work)


async def requeue_returned(recorded: RecordedEvent, svc: Services) -> None:
    """A conversation put back by its agent waits at the head of the queue (ADR 0047)."""
    event = recorded.event
    assert isinstance(event, SessionReturnedToQueue)
    session_key = session_key_of(recorded)

    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is None or session.status is not SessionStatus.QUEUED:
            return  # taken again or closed before this ran
        (await uow.queue()).requeue_at_head(session_key, session.escalation_reason or "",
                                            event.at, session.flood)

    await svc.in_transaction(work)


async def _dequeue(recorded: RecordedEvent, cause: str, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, AgentJoined | SessionClosed)

    async def work(uow: UnitOfWork) -> None:
        if isinstance(event, AgentJoined):
            session = await uow.session(session_key_of(recorded))
            if session is not None and session.status is SessionStatus.QUEUED:
                return  # put back since (ADR 0047): its place now is the head's
        # the event's time, not now: a repaired reaction must not count its delay as waiting
        (await uow.queue()).remove(session_key_of(recorded), cause, event.at)

    await svc.in_transaction(work)


async def dequeue_taken(recorded: RecordedEvent, svc: Services) -> None:
    await _dequeue(recorded, TAKEN, svc)


async def dequeue_closed(recorded: RecordedEvent, svc: Services) -> None:
    await _dequeue(recorded, CLOSED, svc)
