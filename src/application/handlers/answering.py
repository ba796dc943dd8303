"""How the bot answers one visitor message: escalation keywords hand it to a person, then the
FAQ, then the responder, else a person.

A conversation that has spent its AI budget gets an offer of a person instead of another
AI answer (FAQ answers cost nothing and still come).

The responder is called outside any transaction; the answer is recorded afterwards, and
only if the session still lets the bot speak.
"""

from __future__ import annotations

import contextlib

from application.ai_budget import FAILED_CALL, cost_of
from application.commands import EscalateSession
from application.handlers.sessions import escalate_session
from application.ports import ResponderUnavailable, Turn
from application.services import Services
from application.texts import language_of, say
from application.unit_of_work import AbstractUnitOfWork
from domain.ai_budget import AIUsage
from domain.chat_session import SessionStatus
from domain.errors import BotSilenced, SessionClosed
from domain.escalation import AI_ERROR, low_confidence_reason
from domain.message import Source
from domain.session_events import VisitorMessagePosted


async def escalate(cmd: EscalateSession, svc: Services) -> None:
    with contextlib.suppress(SessionClosed):  # the visitor left; nobody to hand over
        await escalate_session(cmd, svc)


async def answer(session_key: str, question: VisitorMessagePosted, svc: Services) -> None:
    """Escalation keywords first, then the FAQ, then the responder (with the recent turns).

    The FAQ path reads nothing: the answer is recorded only if the session still lets the
    bot speak. Only the responder path, which costs money, checks the session first."""
    reason = svc.escalation.reason_for(question.text)
    if reason is not None:
        await escalate(EscalateSession(session_key, reason), svc)
        return
    match = await svc.matcher.best_match(question.text)
    if match is not None:
        await _record(session_key, question.seq, match.faq.answer, Source.FAQ, match.faq.id,
                      match.confidence, svc)
        return
    history = svc.rules.history_turns_for_ai
    session = await svc.read_models.session(session_key,
                                            after_seq=max(0, question.seq - 1 - history))
    if session is None or session.status != SessionStatus.BOT:
        return
    turns = [Turn(m.sender, m.text) for m in session.messages if m.seq < question.seq]
    turns = turns[-history:] if history else []
    if not await _within_ai_budget(session_key, svc):
        await _record(session_key, question.seq,
                      say("ai_budget_spent", language_of(question.text)), Source.SYSTEM, None,
                      None, svc)
        return
    suggestions = await svc.matcher.suggestions(question.text)
    try:
        draft = await svc.responder.draft_reply(question.text, turns, suggestions,
                                                session_key=session_key)
    except ResponderUnavailable:
        await _spend(session_key, FAILED_CALL, svc)
        await escalate(EscalateSession(session_key, AI_ERROR), svc)
        return
    await _spend(session_key, cost_of(draft), svc)
    if draft.needs_human:
        await escalate(EscalateSession(session_key, "ai_needs_human"), svc)
    elif draft.confidence is not None and draft.confidence < svc.rules.ai_confidence_threshold:
        reason = low_confidence_reason(draft.confidence)
        await escalate(EscalateSession(session_key, reason), svc)
    else:
        await _record(session_key, question.seq, draft.text, Source.AI, None,
                      draft.confidence, svc)


async def _within_ai_budget(session_key: str, svc: Services) -> bool:
    if svc.ai_usage is None:
        return True
    return svc.rules.ai_budget.allows_another_call(await svc.ai_usage.spent(session_key))


async def _spend(session_key: str, usage: AIUsage, svc: Services) -> None:
    if svc.ai_usage is not None and usage.calls:
        await svc.ai_usage.add(session_key, usage)


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
