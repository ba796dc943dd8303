"""Handlers of conversation commands: one aggregate, one transaction each."""

from __future__ import annotations

from application import commands
from application.deciding import FirstLook, first_look, picked
from application.errors import MailingOff, SessionNotFound
from application.ports import UnitOfWork
from application.services import Services
from application.texts import language_of, say, small_talk_reply
from domain.agent_load import ChatLimit
from domain.answering import Action
from domain.chat_session import ChatSession, SessionStatus
from domain.contact import Contact
from domain.errors import AlreadyEscalated
from domain.faq import FAQ
from domain.message import Message, Source
from domain.rating import Rating
from domain.session_events import NoteLeft


async def _existing(uow: UnitOfWork, session_key: str) -> ChatSession:
    session = await uow.session(session_key)
    if session is None:
        raise SessionNotFound(session_key)
    return session


async def start_session(cmd: commands.StartSession, svc: Services) -> ChatSession:
    async def work(uow: UnitOfWork) -> ChatSession:
        session = ChatSession.start(svc.ids.new_session_key(), svc.clock.now(), cmd.origin,
                                    cmd.visitor_id, cmd.context)
        uow.add(session)
        return session

    return await svc.in_transaction(work)


async def post_visitor_message(cmd: commands.PostVisitorMessage, svc: Services) -> Message:
    """Store the visitor's message, and act in the same commit on what the words settle
    (application.deciding): the FAQ the visitor chose, or one the words make sure of, is
    answered (ADR 0022: one transaction and one notification for the whole round trip); an
    escalation phrase sends the conversation to people; small talk gets Pasokh's reply.
    Anything the words leave open goes to the answering policy after the commit, with this
    first look handed over."""
    chosen = await picked(cmd.faq_id, svc)
    look = None if chosen is not None else await first_look(cmd.text, svc)
    instant = await _instant_answer(look, svc)
    flooding: list[bool] = []  # counted once, whatever the retries

    async def work(uow: UnitOfWork) -> tuple[Message, bool | None]:
        session = await _existing(uow, cmd.session_key)
        new_seq = session.next_seq
        now = svc.clock.now()
        message = session.post_visitor_message(
            svc.ids.new_id(), cmd.text, cmd.client_id, now,
            faq_id=chosen.id if chosen is not None else None)
        if message.seq != new_seq:
            return message, None  # a repeat: its first sending left what was left
        if session.status is not SessionStatus.BOT:
            return message, True  # a conversation with people: no bot reply
        if chosen is not None:
            session.answer(svc.ids.new_id(), chosen.answer, Source.FAQ, chosen.id, None,
                           message.seq, now)
        elif instant is not None:
            faq, confidence = instant
            session.answer(svc.ids.new_id(), faq.answer, Source.FAQ, faq.id, confidence,
                           message.seq, now)
        elif look is not None and look.small_talk is not None:
            session.answer(svc.ids.new_id(), small_talk_reply(look.small_talk, cmd.text),
                           Source.SYSTEM, None, None, message.seq, now)
        elif look is not None and look.settled and look.decision.action is Action.PERSON:
            assert look.decision.reason is not None
            await _escalate(session, look.decision.reason, svc, flooding)
        else:
            return message, False
        return message, True

    message, settled = await svc.in_transaction(work)
    if settled is not None:
        svc.handoff.leave((cmd.session_key, message.seq), None if settled else look)
    return message


async def _instant_answer(look: FirstLook | None, svc: Services
                          ) -> tuple[FAQ, float | None] | None:
    """The FAQ the words make sure of, when they settle the decision on an answer."""
    if look is None or not look.settled or look.decision.action is not Action.ANSWER:
        return None
    faq = await svc.matcher.faq(look.decision.faq_id or "")
    return (faq, look.decision.confidence) if faq is not None else None


async def _escalate(session: ChatSession, reason: str, svc: Services,
                    flooding: list[bool]) -> None:
    """Hand a conversation the bot holds to people. A network over its escalation limit
    (Throttle.escalation) still reaches the queue, but marked as a flood and behind everyone
    else: a visitor behind a shared address is not turned away, and a flood cannot push real
    visitors back. flooding: the limit's verdict, asked once whatever the retries."""
    if session.status is SessionStatus.BOT and not flooding:
        flooding.append(svc.throttle is not None and not await svc.throttle.escalation(
            session.origin, session.visitor_id))
    last_visitor = session.message(session.last_visitor_seq)
    language = language_of(last_visitor.text) if last_visitor else "en"
    notice = "escalated_after_error" if reason == "ai_error" else "escalated"
    session.escalate(reason, svc.ids.new_id(), say(notice, language), svc.clock.now(),
                     flood=bool(flooding and flooding[0]))


async def escalate_session(cmd: commands.EscalateSession, svc: Services) -> bool:
    """Queue the session for a person; False when it already was with people."""
    flooding: list[bool] = []

    async def work(uow: UnitOfWork) -> bool:
        session = await _existing(uow, cmd.session_key)
        try:
            await _escalate(session, cmd.reason, svc, flooding)
        except AlreadyEscalated:
            return False
        return True

    return await svc.in_transaction(work)


async def _ensure_room(cmd: commands.JoinSession, svc: Services) -> None:
    """The agent's load comes from the read model, before the transaction: two joins by one
    agent in the same instant may both pass. The limit spreads work, it is no invariant."""
    held = [c.session_key for c in await svc.read_models.active_chats() if c.agent == cmd.agent]
    if cmd.session_key not in held:
        ChatLimit(svc.rules.agent_max_chats).ensure_room_for_one_more(cmd.agent, len(held))


async def join_session(cmd: commands.JoinSession, svc: Services) -> ChatSession:
    await _ensure_room(cmd, svc)

    async def work(uow: UnitOfWork) -> ChatSession:
        session = await _existing(uow, cmd.session_key)
        last_visitor = session.message(session.last_visitor_seq)
        language = language_of(last_visitor.text) if last_visitor else "en"
        shown = cmd.display_name or cmd.agent
        session.join(cmd.agent, svc.ids.new_id(), say("agent_joined", language, agent=shown),
                     svc.clock.now())
        return session

    return await svc.in_transaction(work)


async def post_agent_message(cmd: commands.PostAgentMessage, svc: Services) -> Message:
    async def work(uow: UnitOfWork) -> Message:
        session = await _existing(uow, cmd.session_key)
        return session.post_agent_message(cmd.agent, svc.ids.new_id(), cmd.text, cmd.client_id,
                                          svc.clock.now())

    return await svc.in_transaction(work)


async def leave_note(cmd: commands.LeaveNote, svc: Services) -> NoteLeft:
    async def work(uow: UnitOfWork) -> NoteLeft:
        session = await _existing(uow, cmd.session_key)
        return session.leave_note(cmd.agent, svc.ids.new_id(), cmd.text, svc.clock.now())

    return await svc.in_transaction(work)


async def give_feedback(cmd: commands.GiveFeedback, svc: Services) -> None:
    async def work(uow: UnitOfWork) -> None:
        session = await _existing(uow, cmd.session_key)
        session.give_feedback(cmd.message_id, cmd.helpful, svc.clock.now())

    await svc.in_transaction(work)


async def rate_conversation(cmd: commands.RateConversation, svc: Services) -> Rating:
    """The rating as stored (its comment trimmed)."""

    async def work(uow: UnitOfWork) -> Rating:
        session = await _existing(uow, cmd.session_key)
        return session.rate(cmd.score, cmd.comment, svc.clock.now())

    return await svc.in_transaction(work)


async def leave_contact(cmd: commands.LeaveContact, svc: Services) -> Contact:
    """The contact as stored (trimmed, the phone in ASCII digits)."""
    contact = Contact.of(cmd.name, cmd.email, cmd.phone)
    offline = (await svc.availability.now()).offline if svc.availability else False

    async def work(uow: UnitOfWork) -> Contact:
        session = await _existing(uow, cmd.session_key)
        notify = svc.notify_email if svc.mailer is not None else None
        session.leave_contact(contact, offline, svc.clock.now(), notify)
        return contact

    return await svc.in_transaction(work)


async def mail_transcript(cmd: commands.MailTranscript, svc: Services) -> str:
    """The address the transcript goes to; sent after the commit (application/mailing.py)."""
    if svc.mailer is None:
        raise MailingOff("email is not configured")

    async def work(uow: UnitOfWork) -> str:
        session = await _existing(uow, cmd.session_key)
        return session.mail_transcript("fa" if cmd.lang == "fa" else "en", svc.clock.now()).to

    return await svc.in_transaction(work)


async def close_session(cmd: commands.CloseSession, svc: Services) -> ChatSession:
    async def work(uow: UnitOfWork) -> ChatSession:
        session = await _existing(uow, cmd.session_key)
        session.close(cmd.closed_by, svc.clock.now())
        return session

    return await svc.in_transaction(work)
