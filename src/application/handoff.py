"""The handoff summary (ADR 0045): once a conversation went to people, a line saying what
the visitor wants. The model writes it when one is configured, outside any transaction and
within a deadline; otherwise, or when it fails, it is built from the conversation."""

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


async def summarize_handoff(recorded: RecordedEvent, svc: Services) -> None:
    event = recorded.event
    assert isinstance(event, SessionEscalated)
    session_key = session_key_in(recorded.stream_id)
    view = await svc.read_models.session(session_key) if session_key else None
    if view is None or view.summary is not None:
        return  # summarized already (a repeated reaction): the model is not asked again
    summary, by = await _written(event.reason, view, svc)

    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(view.session_key)
        if session is not None:
            session.summarize_handoff(summary, by, svc.clock.now())

    await svc.in_transaction(work)


async def _written(reason: str, view: SessionView, svc: Services) -> tuple[str, str]:
    """The model's line when it writes one in time, else the conversation's."""
    asked = [m.text for m in view.messages if m.sender == "user"]
    fallback = conversation_summary(reason, asked)
    if svc.summarizer is None:
        return fallback, BY_CONVERSATION
    turns = [Turn(m.sender, m.text) for m in view.messages if m.sender in ("user", "bot")]
    try:
        async with asyncio.timeout(svc.rules.summary_deadline_seconds):
            written = trimmed(await svc.summarizer.summarize(
                reason, turns, session_key=view.session_key))
    except (SummaryUnavailable, TimeoutError) as error:
        log.info("handoff summary from the conversation: session=%s cause=%s",
                 view.session_key[:6], type(error).__name__)
        return fallback, BY_CONVERSATION
    return (written, BY_MODEL) if written else (fallback, BY_CONVERSATION)
