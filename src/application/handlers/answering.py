"""How the bot answers one visitor message the command did not settle on its words, by the
one answering decision (application.deciding): an FAQ's answer, FAQs to choose from, the
responder, or a person.

A conversation that has spent its AI budget gets an offer of a person instead of another
AI answer (FAQ answers cost nothing and still come).

The responder is called outside any transaction; the answer is recorded afterwards, and
only if the session still lets the bot speak. The model is shown the candidates of the
decision (or the whole catalog when it fits PROMPT_CATALOG_TOKENS); when it names one of
them as the answer, the visitor gets that FAQ's own answer, verbatim.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from application.ai_budget import cost_of, reserve_call
from application.commands import EscalateSession
from application.deciding import conclude, first_look, picked
from application.handlers.sessions import escalate_session
from application.ports import (
    DRAFT,
    FAQSuggestion,
    ResponderUnavailable,
    Signal,
    TextSink,
    Turn,
    UnitOfWork,
)
from application.rate_limits import RateLimited
from application.services import Services
from application.texts import language_of, say, small_talk_reply
from domain.ai_budget import AIUsage
from domain.answering import Action, Decision
from domain.chat_session import SessionStatus, stream_id_for
from domain.errors import BotSilenced, SessionAlreadyClosed
from domain.escalation import AI_ERROR, low_confidence_reason
from domain.faq import FAQ
from domain.message import Offer, Source
from domain.session_events import VisitorMessagePosted

MODEL_CANDIDATES = 8  # at least 5 of the decision's candidates are shown to the model


async def escalate(cmd: EscalateSession, svc: Services) -> None:
    with contextlib.suppress(SessionAlreadyClosed):  # the visitor left; nobody to hand over
        await escalate_session(cmd, svc)


async def answer(session_key: str, question: VisitorMessagePosted, svc: Services) -> None:
    """Finish the decision the visitor-message command began (its first look, handed over),
    and act on it. Without a look handed over (a reaction repeated after a crash), the FAQ the
    visitor chose, else the decision taken afresh.

    The FAQ paths read nothing: the answer is recorded only if the session still lets the
    bot speak. Only the responder path, which costs money, checks the session first."""
    look = svc.handoff.take((session_key, question.seq))
    if look is None:
        chosen = await picked(question.faq_id, svc)
        if chosen is not None:
            await _record(session_key, question.seq, chosen.answer, Source.FAQ, chosen.id,
                          None, svc)
            return
        look = await first_look(question.text, svc)
    if look.small_talk is not None:  # settled in the command's commit, but for a repair
        await _record(session_key, question.seq, small_talk_reply(look.small_talk, question.text),
                      Source.SYSTEM, None, None, svc)
        return
    decision = await conclude(question.text, look, svc)
    if decision.action is Action.PERSON:
        assert decision.reason is not None
        await escalate(EscalateSession(session_key, decision.reason), svc)
        return
    if decision.action is Action.ANSWER:
        faq = await svc.matcher.faq(decision.faq_id or "")
        if faq is not None:
            await _record(session_key, question.seq, faq.answer, Source.FAQ, faq.id,
                          decision.confidence, svc)
            return
    if decision.action is Action.SUGGEST:
        offers = [Offer(faq.id, faq.question)
                  for faq in await _faqs(decision.suggestions, svc)]
        if offers:
            lead = "choose_or_ask" if len(offers) > 1 else "choose_or_ask_one"
            await _record(session_key, question.seq, say(lead, language_of(question.text)),
                          Source.FAQ, None, None, svc, suggestions=offers)
            return
    await _respond(session_key, question, decision, svc)


async def _respond(session_key: str, question: VisitorMessagePosted, decision: Decision,
                   svc: Services) -> None:
    history = svc.rules.history_turns_for_ai
    session = await svc.read_models.session(session_key,
                                            after_seq=max(0, question.seq - 1 - history))
    if session is None or session.status != SessionStatus.BOT:
        return
    turns = [Turn(m.sender, m.text) for m in session.messages if m.seq < question.seq]
    turns = turns[-history:] if history else []
    refusal = await _reserve_call(session_key, svc)
    if refusal is not None:
        await _record(session_key, question.seq, say(refusal, language_of(question.text)),
                      Source.SYSTEM, None, None, svc)
        return
    shown = await _shown_to_model(decision, svc)
    try:
        draft = await svc.responder.draft_reply(question.text, turns, shown,
                                                session_key=session_key,
                                                on_text=_drafting(session_key, question, svc))
    except ResponderUnavailable:  # the reserved call was spent on the failure
        await escalate(EscalateSession(session_key, AI_ERROR), svc)
        return
    await _settle_call(session_key, cost_of(draft), svc)
    by_id = {s.faq.id: s.faq for s in shown}
    if draft.needs_human:
        await escalate(EscalateSession(session_key, "ai_needs_human"), svc)
    elif draft.confidence is not None and draft.confidence < svc.rules.ai_confidence_threshold:
        reason = low_confidence_reason(draft.confidence)
        await escalate(EscalateSession(session_key, reason), svc)
    elif draft.faq_id in by_id:  # the model says an FAQ answers it: that FAQ's own words
        faq = by_id[draft.faq_id]
        await _record(session_key, question.seq, faq.answer, Source.FAQ, faq.id,
                      draft.confidence, svc)
    else:
        citations = [faq_id for faq_id in dict.fromkeys(draft.citations) if faq_id in by_id]
        await _record(session_key, question.seq, draft.text, Source.AI, None,
                      draft.confidence, svc, citations=citations)


def _drafting(session_key: str, question: VisitorMessagePosted, svc: Services
              ) -> TextSink | None:
    """Where the answer's pieces go while the model writes it: the conversation's live
    readers, never the store. The stored message that follows is what counts (ADR 0035)."""
    signals = svc.signals
    if signals is None:
        return None

    async def write(text: str) -> None:
        await signals.signal(Signal(stream_id_for(session_key), DRAFT, "bot",
                                    reply_to=question.seq, text=text))

    return write


async def _faqs(faq_ids: Sequence[str], svc: Services) -> list[FAQ]:
    found = [await svc.matcher.faq(faq_id) for faq_id in faq_ids]
    return [faq for faq in found if faq is not None]


async def _shown_to_model(decision: Decision, svc: Services) -> list[FAQSuggestion]:
    """The whole active catalog when it fits the prompt budget, the decision's candidates
    otherwise; most probable first either way."""
    probability = {s.faq_id: s.probability for s in decision.ranked}
    budget = svc.rules.prompt_catalog_tokens
    if budget > 0:
        catalog = await svc.matcher.active_faqs()
        if sum(_tokens(f) for f in catalog) <= budget:
            catalog.sort(key=lambda f: -probability.get(f.id, 0.0))
            return [FAQSuggestion(f, probability.get(f.id, 0.0)) for f in catalog]
    ranked = [s.faq_id for s in decision.ranked][:MODEL_CANDIDATES]
    return [FAQSuggestion(f, probability[f.id]) for f in await _faqs(ranked, svc)]


def _tokens(faq: FAQ) -> int:
    """A cautious estimate: about one token per 3 characters in Persian or English."""
    return (len(faq.question) + len(faq.answer)) // 3 + 8


async def _reserve_call(session_key: str, svc: Services) -> str | None:
    """Take one model call before making it: of the conversation's budget, then of the
    deployment's per-minute and per-day budgets. The text key to answer with instead, or
    None when the call may go ahead. The local fallback costs nothing and takes nothing."""
    if not svc.ai_model:
        return None
    if svc.ai_usage is not None and not await reserve_call(svc.ai_usage, session_key,
                                                           svc.rules.ai_budget):
        return "ai_budget_spent"
    if svc.throttle is not None:
        try:
            await svc.throttle.ai_call(await _origin(session_key, svc))
        except RateLimited:
            if svc.ai_usage is not None:
                await svc.ai_usage.add(session_key, AIUsage(calls=-1))  # give it back
            return "ai_busy"
    return None


async def _origin(session_key: str, svc: Services) -> str | None:
    """The tag of the network the conversation came from, for its per-network budget."""

    async def work(uow: UnitOfWork) -> str | None:
        session = await uow.session(session_key)
        return session.origin if session is not None else None

    return await svc.in_transaction(work)


async def _settle_call(session_key: str, usage: AIUsage, svc: Services) -> None:
    """After the call: its tokens are added to the call reserved before it."""
    if svc.ai_model and svc.ai_usage is not None and usage.tokens:
        await svc.ai_usage.add(session_key, AIUsage(0, usage.tokens))


async def _record(session_key: str, in_reply_to: int, text: str, source: Source,
                  faq_id: str | None, confidence: float | None, svc: Services, *,
                  suggestions: Sequence[Offer] = (), citations: Sequence[str] = ()) -> None:
    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is None:
            return
        try:
            session.answer(svc.ids.new_id(), text, source, faq_id, confidence, in_reply_to,
                           svc.clock.now(), suggestions, citations)
        except (BotSilenced, SessionAlreadyClosed):
            return  # the visitor went to a person (or left) while we were thinking

    await svc.in_transaction(work)
