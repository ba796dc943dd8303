"""Handing a conversation to another agent, or back to the queue (ADR 0047)."""

from __future__ import annotations

from application import commands
from application.accounts import UnknownAccount
from application.handlers.sessions import _existing
from application.ports import UnitOfWork
from application.services import Services
from application.texts import language_of, say
from domain.agent_load import ChatLimit
from domain.chat_session import ChatSession
from domain.transfer import Handover, TransferTarget


async def _target(to: str, svc: Services) -> tuple[TransferTarget, str]:
    """The agent as they are now (read before the transaction, like a join's load: the
    limit spreads work, it is no invariant), and the name the visitor is told."""
    account = await svc.accounts.get(to) if svc.accounts is not None else None
    if account is None or not account.active:
        raise UnknownAccount(to)
    online = svc.presence is not None and await svc.presence.status_of(to) == "online"
    held = sum(1 for chat in await svc.read_models.active_chats() if chat.agent == to)
    return TransferTarget(to, online, held), account.display_name or to


async def transfer_session(cmd: commands.TransferSession, svc: Services) -> ChatSession:
    target = await _target(cmd.to, svc) if cmd.to is not None else None
    seen: list[str | None] = []  # the holder when first read: a retry must not move on it

    async def work(uow: UnitOfWork) -> ChatSession:
        session = await _existing(uow, cmd.session_key)
        if not seen:
            seen.append(session.agent)
        handover = Handover(cmd.by, cmd.by_admin, seen[0])
        last_visitor = session.message(session.last_visitor_seq)
        language = language_of(last_visitor.text) if last_visitor else "en"
        now = svc.clock.now()
        if target is None:
            session.return_to_queue(handover, svc.ids.new_id(),
                                    say("returned_to_queue", language), now)
        else:
            to, shown = target
            session.transfer(handover, to, ChatLimit(svc.rules.agent_max_chats),
                             svc.ids.new_id(), say("transferred", language, agent=shown), now)
        return session

    return await svc.in_transaction(work)
