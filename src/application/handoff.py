"""The handoff summary (ADR 0045): once a conversation went to people, a line saying what
the visitor wants. One is built from the conversation at once, before the conversation is
put in the queue, so every queue entry has one; with a model configured, the model then
writes a better one, outside any transaction and within a deadline, which replaces it. A
model that fails or is late leaves the built line."""

from __future__ import annotations

import asyncio
import logging

from application.ports import RecordedEvent, SummaryUnavailable, Turn, UnitOfWork
from application.services import Services
from application.views import SessionView
from domain.chat_session import session_key_in
from domain.handoff import BY_CONVERSATION, BY_MODEL, conversation_summary, trimmed
from domain.session_events import SessionEscalated

log = logging.getLogger(__name__)


async def summarize_from_conversation(recorded: RecordedEvent, svc: Services) -> None:
    """The escalation reason and the visitor's last messages, recorded before the enqueue."""
    event = recorded.event
    assert isinstance(event, SessionEscalated)
    view = await _conversation(recorded, svc)
    if view is None or view.summary is not None:
        return
    asked = [m.text for m in view.messages if m.sender == "user"]
    await _record(view.session_key, conversation_summary(event.reason, asked), BY_CONVERSATION,
                  svc)


async def summarize_with_model(recorded: RecordedEvent, svc: Services) -> None:
    """The model's line, when a model is configured and writes one in time."""
    event = recorded.event
    assert isinstance(event, SessionEscalated)
    if svc.summarizer is None:
        return
    view = await _conversation(recorded, svc)
    if view is None or await _written_by_model(view.session_key, svc):
        return  # a repeated reaction: the model is not asked twice
    turns = [Turn(m.sender, m.text) for m in view.messages if m.sender in ("user", "bot")]
    try:
        async with asyncio.timeout(svc.rules.summary_deadline_seconds):
            written = trimmed(await svc.summarizer.summarize(
                event.reason, turns, session_key=view.session_key))
    except (SummaryUnavailable, TimeoutError) as error:
        log.info("handoff summary stays the conversation's: session=%s cause=%s",
                 view.session_key[:6], type(error).__name__)
        return
    await _record(view.session_key, written, BY_MODEL, svc)


async def _conversation(recorded: RecordedEvent, svc: Services) -> SessionView | None:
    session_key = session_key_in(recorded.stream_id)
    return await svc.read_models.session(session_key) if session_key else None


async def _written_by_model(session_key: str, svc: Services) -> bool:
    async def work(uow: UnitOfWork) -> bool:  # reads only: commits nothing
        session = await uow.session(session_key)
        return session is not None and session.summary_by == BY_MODEL

    return await svc.in_transaction(work)


async def _record(session_key: str, summary: str, by: str, svc: Services) -> None:
    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is not None:
            session.summarize_handoff(summary, by, svc.clock.now())

    await svc.in_transaction(work)
