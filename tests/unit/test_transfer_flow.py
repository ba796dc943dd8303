"""Transfer and return through the message bus (ADR 0047): the read models follow, the
visitor is told in their language, and the race rules of join apply."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from adapters.memory.agents import InMemoryAgentAccounts
from application import commands as c
from application.accounts import UnknownAccount
from application.ports import AgentAccount
from application.reconcile import ENQUEUE, Reconciler
from application.services import ChatRules
from domain.errors import AgentNotOnline, AlreadyAssigned, NotAssignedAgent, TooManyChats
from tests.unit.fakes import App, DeskPresence, build_app
from tests.unit.test_conversation_flow import ask, started

CREATED = datetime(2026, 1, 1, tzinfo=UTC)


async def team_app(online: set[str], max_chats: int = 5) -> App:
    accounts = InMemoryAgentAccounts()
    for name, shown in [("sara", "سارا"), ("omid", "Omid"), ("reza", "Reza"),
                        ("mina", "Mina")]:
        await accounts.save(AgentAccount(name, "h", shown, CREATED, role="agent"))
    await accounts.save(AgentAccount("gone", "h", "Gone", CREATED, role="agent", active=False))
    return build_app(accounts=accounts, presence=DeskPresence(online=online, away={"mina"}),
                     rules=ChatRules(agent_max_chats=max_chats))


async def held_by_sara(app: App, text: str = "مشکل دارم") -> str:
    key = await started(app)
    await ask(app, key, text)
    await app.bus.handle(c.JoinSession(key, "sara", "سارا"))
    await app.bus.idle()
    return key


async def test_a_colleague_takes_over_and_the_visitor_is_told_in_persian() -> None:
    app = await team_app({"sara", "omid"})
    key = await held_by_sara(app)
    await app.bus.handle(c.TransferSession(key, "sara", "omid"))
    await app.bus.idle()
    chats = await app.read_models.active_chats()
    assert [(chat.session_key, chat.agent) for chat in chats] == [(key, "omid")]
    view = await app.read_models.session(key)
    assert view is not None and (view.status, view.agent) == ("with_agent", "omid")
    assert view.messages[-1].sender == "system"
    assert view.messages[-1].text == "گفتگوی شما به Omid سپرده شد."


async def test_an_english_visitor_is_told_in_english() -> None:
    app = await team_app({"sara", "omid"})
    key = await held_by_sara(app, "I want a human please")
    await app.bus.handle(c.TransferSession(key, "sara", "omid"))
    view = await app.read_models.session(key)
    assert view is not None
    assert view.messages[-1].text == "Your conversation has been passed to Omid."


@pytest.mark.parametrize(("by", "to", "by_admin", "refusal"), [
    ("sara", "nobody", False, UnknownAccount),
    ("sara", "gone", False, UnknownAccount),
    ("reza", "omid", False, NotAssignedAgent),
    ("sara", "reza", False, AgentNotOnline),  # offline
    ("sara", "mina", False, AgentNotOnline),  # away
])
async def test_refusals(by: str, to: str, by_admin: bool, refusal: type[Exception]) -> None:
    app = await team_app({"sara", "omid"})
    key = await held_by_sara(app)
    with pytest.raises(refusal):
        await app.bus.handle(c.TransferSession(key, by, to, by_admin))
    chats = await app.read_models.active_chats()
    assert [(chat.session_key, chat.agent) for chat in chats] == [(key, "sara")]


async def test_a_colleague_at_their_limit_takes_no_more() -> None:
    app = await team_app({"sara", "omid"}, max_chats=1)
    key = await held_by_sara(app)
    other = await started(app)
    await ask(app, other, "مشکل دیگری دارم")
    await app.bus.handle(c.JoinSession(other, "omid"))
    with pytest.raises(TooManyChats):
        await app.bus.handle(c.TransferSession(key, "sara", "omid"))


async def test_back_to_the_head_of_the_queue_ahead_of_those_waiting() -> None:
    app = await team_app({"sara"})
    key = await held_by_sara(app)
    waiting = await started(app)
    await ask(app, waiting, "پرداخت انجام نشد")
    await app.bus.handle(c.TransferSession(key, "sara", None))
    await app.bus.idle()
    assert [e.session_key for e in await app.read_models.queue()] == [key, waiting]
    assert await app.read_models.active_chats() == []
    view = await app.read_models.session(key)
    assert view is not None and (view.status, view.agent) == ("queued", None)
    assert "ابتدای صف" in view.messages[-1].text
    await app.bus.handle(c.JoinSession(key, "omid"))
    await app.bus.idle()
    assert [e.session_key for e in await app.read_models.queue()] == [waiting]


async def test_an_admin_puts_back_a_conversation_they_do_not_hold() -> None:
    app = await team_app({"sara"})
    key = await held_by_sara(app)
    await app.bus.handle(c.TransferSession(key, "boss", None, by_admin=True))
    await app.bus.idle()
    assert [e.session_key for e in await app.read_models.queue()] == [key]


async def test_two_transfers_racing_one_wins_the_other_is_refused() -> None:
    """Sara hands it on from two tabs at once: once it is omid's (or reza's), the other
    hand-over is hers no more to make (the store-level race: tests/integration/races)."""
    app = await team_app({"sara", "omid", "reza"})
    key = await held_by_sara(app)
    results = await asyncio.gather(
        app.bus.handle(c.TransferSession(key, "sara", "omid")),
        app.bus.handle(c.TransferSession(key, "sara", "reza")), return_exceptions=True)
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], AlreadyAssigned | NotAssignedAgent)
    moves = [r for r in app.log.records if type(r.event).__name__ == "SessionTransferred"]
    assert len(moves) == 1


async def test_a_return_racing_joins_one_agent_gets_it() -> None:
    app = await team_app({"sara", "omid", "reza"})
    key = await held_by_sara(app)
    await app.bus.handle(c.TransferSession(key, "sara", None))
    results = await asyncio.gather(
        app.bus.handle(c.JoinSession(key, "omid")), app.bus.handle(c.JoinSession(key, "reza")),
        app.bus.handle(c.TransferSession(key, "sara", "omid")), return_exceptions=True)
    await app.bus.idle()
    joined = [r for r in app.log.records if type(r.event).__name__ == "AgentJoined"]
    assert len(joined) == 2  # sara's, then one of the two
    assert sum(isinstance(r, Exception) for r in results) == 2
    assert await app.read_models.queue() == []


async def test_a_return_whose_requeue_was_lost_is_put_back_at_the_head_by_the_reconciler(
) -> None:
    app = await team_app({"sara"})
    key = await held_by_sara(app)
    waiting = await started(app)
    await ask(app, waiting, "پرداخت انجام نشد")
    crashed = app.another_instance(policies=False)  # dies right after the commit
    await crashed.handle(c.TransferSession(key, "sara", None))
    assert [e.session_key for e in await app.read_models.queue()] == [waiting]
    app.clock.advance(31)
    repairs = await Reconciler(app.bus, app.services, 30).run_once()
    assert [(r.kind, r.session_key) for r in repairs] == [(ENQUEUE, key)]
    assert [e.session_key for e in await app.read_models.queue()] == [key, waiting]
