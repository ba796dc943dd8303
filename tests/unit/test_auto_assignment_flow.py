"""Automatic assignment through the bus, on in-memory adapters: a conversation that enters
the queue goes at once to the least busy online agent with room; the ones left waiting go
when a chat closes or an agent comes online; away and offline agents get none."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.assignment_board import InMemoryAssignmentBoard
from adapters.memory.presence import InMemoryAgentPresence
from application import commands as c
from application.assignment import AutoAssignment
from application.messagebus import MessageBus
from application.ports import AgentAccount
from application.services import ChatRules
from domain.session_events import AgentJoined
from tests.unit.fakes import build_app

AGENTS = {"sara": "سارا", "omid": "Omid", "mina": "Mina"}


class Team:
    def __init__(self, max_chats: int = 2) -> None:
        self.presence = InMemoryAgentPresence()
        self.accounts = InMemoryAgentAccounts()
        app = build_app(rules=ChatRules(agent_max_chats=max_chats))
        services = replace(app.services, assignment=AutoAssignment(
            self.presence, InMemoryAssignmentBoard(), self.accounts))
        self.app = replace(app, services=services, bus=MessageBus(services, services.uow))

    async def online(self, *agents: str) -> None:
        for agent in agents:
            await self.arrive(agent)
        await self.app.bus.handle(c.AssignWaiting())
        await self.app.bus.idle()

    async def arrive(self, agent: str) -> None:
        """The agent's desk opens (the pass that follows is the caller's)."""
        await self.accounts.save(AgentAccount(agent, "hash", AGENTS[agent],
                                              self.app.clock.now(), role="agent"))
        await self.presence.arrive(f"desk-{agent}", agent)

    async def waiting(self, count: int = 1) -> list[str]:
        keys = []
        for _ in range(count):
            key = (await self.app.bus.handle(c.StartSession())).session_key
            await self.app.bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
            await self.app.bus.idle()
            self.app.clock.advance(60)
            keys.append(key)
        return keys

    async def holders(self) -> dict[str, str | None]:
        return {chat.session_key: chat.agent for chat in await self.app.read_models.active_chats()}

    async def queue(self) -> list[str]:
        return [entry.session_key for entry in await self.app.read_models.queue()]


async def test_a_queued_conversation_goes_at_once_to_the_agent_with_fewest_chats() -> None:
    team = Team()
    await team.online("sara", "omid")
    first, second, third = await team.waiting(3)
    holders = await team.holders()
    assert holders[first] != holders[second]  # one each, then the one idle longest
    assert holders[third] == holders[first]
    assert await team.queue() == []
    view = await team.app.read_models.session(second)
    assert view is not None and view.status == "with_agent"
    assert view.messages[-1].text.endswith(("joined the conversation.", "به گفتگو پیوست."))


async def test_the_visitor_is_told_the_agents_display_name() -> None:
    team = Team()
    await team.online("sara")
    key, = await team.waiting()
    view = await team.app.read_models.session(key)
    assert view is not None and view.agent == "sara"
    assert "سارا" in view.messages[-1].text


async def test_nobody_gets_more_than_the_limit_and_the_rest_wait_in_order() -> None:
    team = Team(max_chats=1)
    await team.online("sara")
    keys = await team.waiting(3)
    assert await team.holders() == {keys[0]: "sara"}
    assert await team.queue() == keys[1:]


async def test_a_close_gives_the_freed_place_to_the_first_waiting() -> None:
    team = Team(max_chats=1)
    await team.online("sara")
    keys = await team.waiting(3)
    await team.app.bus.handle(c.CloseSession(keys[0], "sara"))
    await team.app.bus.idle()
    assert await team.holders() == {keys[1]: "sara"}
    assert await team.queue() == [keys[2]]


async def test_an_agent_coming_online_takes_what_waits() -> None:
    team = Team()
    keys = await team.waiting(3)
    assert await team.holders() == {}  # nobody online: everything waits
    await team.online("omid")
    assert await team.holders() == {keys[0]: "omid", keys[1]: "omid"}
    assert await team.queue() == [keys[2]]


async def test_away_and_offline_agents_get_nothing() -> None:
    team = Team()
    await team.online("sara", "omid")
    await team.presence.choose("sara", "away")
    await team.presence.leave("desk-omid")
    key, = await team.waiting()
    assert await team.holders() == {}
    await team.presence.choose("sara", "online")
    await team.app.bus.handle(c.AssignWaiting())
    await team.app.bus.idle()
    assert await team.holders() == {key: "sara"}


async def test_between_equals_the_agent_whose_last_chat_ended_first_gets_the_next() -> None:
    team = Team()
    await team.online("sara", "omid")
    a, b = await team.waiting(2)
    first, second = (await team.holders())[a], (await team.holders())[b]
    assert first is not None and second is not None
    await team.app.bus.handle(c.CloseSession(b, second))
    team.app.clock.advance(60)
    await team.app.bus.handle(c.CloseSession(a, first))
    await team.app.bus.idle()
    key, = await team.waiting()
    assert (await team.holders())[key] == second  # idle since the earlier close


async def test_passes_at_once_give_each_conversation_once() -> None:
    team = Team(max_chats=3)
    keys = await team.waiting(4)
    for agent in ("sara", "omid"):
        await team.arrive(agent)
    buses = [MessageBus(team.app.services, team.app.services.uow) for _ in range(3)]
    await asyncio.gather(*(bus.handle(c.AssignWaiting()) for bus in buses))
    for bus in buses:
        await bus.idle()
    joins = [r.stream_id for r in await team.app.log.read_all() if isinstance(r.event, AgentJoined)]
    assert sorted(joins) == sorted(f"session-{key}" for key in keys)
    holders = await team.holders()
    assert sorted(holders.values()) == ["omid", "omid", "sara", "sara"]
    assert await team.queue() == []


async def test_a_disabled_account_still_counted_online_gets_nothing() -> None:
    team = Team()
    await team.online("sara")
    account = await team.accounts.get("sara")
    assert account is not None
    await team.accounts.save(replace(account, active=False))
    key, = await team.waiting()
    assert await team.holders() == {}
    assert await team.queue() == [key]


async def test_the_timers_pass_gives_what_a_lost_trigger_left_waiting() -> None:
    from entrypoints.assigning import start, stop

    team = Team()
    key, = await team.waiting()
    await team.arrive("sara")  # her desk opened, but its pass was lost (a crash, say)
    assert await team.holders() == {}
    timer = start(team.app.bus, interval_seconds=0.01)
    try:
        for _ in range(500):  # bounded: a hang fails, the pace is not measured
            if await team.holders():
                break
            await asyncio.sleep(0.01)
    finally:
        await stop(timer)
    assert await team.holders() == {key: "sara"}


async def test_a_conversation_put_back_goes_to_someone_else_or_waits_for_them() -> None:
    team = Team()
    await team.online("sara")
    key, = await team.waiting()
    assert (await team.holders())[key] == "sara"
    await team.app.bus.handle(c.TransferSession(key, by="sara", to=None))
    await team.app.bus.idle()
    assert await team.queue() == [key]  # not given back to sara, who just put it back
    later, = await team.waiting()
    assert (await team.holders())[later] == "sara"  # what waits behind it still goes
    await team.online("omid")
    assert (await team.holders())[key] == "omid"
    assert await team.queue() == []
