"""How the bot answers one visitor message: FAQ first, then the responder, else a person.

The responder is called outside any transaction; the answer is recorded afterwards, and
only if the session still lets the bot speak.
"""

from __future__ import annotations

import contextlib

from application.commands import EscalateSession
from application.handlers.sessions import escalate_session
from application.ports import ResponderUnavailable, Turn
from application.services import Services
from application.unit_of_work import AbstractUnitOfWork
from domain.chat_session import ChatSession
from domain.errors import BotSilenced, SessionClosed
from domain.escalation import AI_ERROR, low_confidence_reason
from domain.message import Source
from domain.session_events import VisitorMessagePosted


async def escalate(cmd: EscalateSession, svc: Services) -> None:
    with contextlib.suppress(SessionClosed):  # the visitor left; nobody to hand over
        await escalate_session(cmd, svc)


async def answer(session: ChatSession, question: VisitorMessagePosted, svc: Services) -> None:
    match = await svc.matcher.best_match(question.text)
    if match is not None:
        await _record(session.session_key, question.seq, match.faq.answer, Source.FAQ,
                      match.faq.id, match.confidence, svc)
        return
    turns = [Turn(m.sender.value, m.text) for m in session.messages if m.seq < question.seq]
    turns = turns[-svc.rules.history_turns_for_ai:]
    suggestions = await svc.matcher.suggestions(question.text)
    try:
        draft = await svc.responder.draft_reply(question.text, turns, suggestions,
                                                session_key=session.session_key)
    except ResponderUnavailable:
        await escalate(EscalateSession(session.session_key, AI_ERROR), svc)
        return
    if draft.needs_human:
        await escalate(EscalateSession(session.session_key, "ai_needs_human"), svc)
    elif draft.confidence is not None and draft.confidence < svc.rules.ai_confidence_threshold:
        reason = low_confidence_reason(draft.confidence)
        await escalate(EscalateSession(session.session_key, reason), svc)
    else:
        await _record(session.session_key, question.seq, draft.text, Source.AI, None,
                      draft.confidence, svc)


async def _record(session_key: str, in_reply_to: int, text: str, source: Source,
                  faq_id: str | None, confidence: float | None, svc: Services) -> None:
    async def work(uow: AbstractUnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is None:
            return
        try:
            session.answer(svc.ids.new_id(), text, source, faq_id, confidence, in_reply_to,
                           svc.clock.now())
        except (BotSilenced, SessionClosed):
            return  # the visitor went to a person (or left) while we were thinking

    await svc.in_transaction(work)
