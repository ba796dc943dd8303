"""Reactions to events: answer the visitor, keep the queue in step with the sessions."""

from __future__ import annotations

from application.handlers.answering import answer
from application.ports import RecordedEvent
from application.services import Services
from application.unit_of_work import AbstractUnitOfWork
from domain.queue import TAKEN
from domain.session_events import SessionEscalated, VisitorMessagePosted


def session_key_of(recorded: RecordedEvent) -> str:
    return recorded.stream_id.removeprefix("session-")


async def answer_visitor(recorded: RecordedEvent, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, VisitorMessagePosted)
    await answer(session_key_of(recorded), event, svc)


async def enqueue_escalated(recorded: RecordedEvent, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, SessionEscalated)

    async def work(uow: AbstractUnitOfWork) -> None:
        (await uow.queue()).enqueue(session_key_of(recorded), event.reason, event.at)

    await svc.in_transaction(work)


async def _dequeue(recorded: RecordedEvent, cause: str, svc: Services) -> None:
    async def work(uow: AbstractUnitOfWork) -> None:
        (await uow.queue()).remove(session_key_of(recorded), cause, svc.clock.now())

    await svc.in_transaction(work)


async def dequeue_taken(recorded: RecordedEvent, svc: Services) -> None:
    await _dequeue(recorded, TAKEN, svc)


async def dequeue_closed(recorded: RecordedEvent, svc: Services) -> None:
    await _dequeue(recorded, "closed", svc)
