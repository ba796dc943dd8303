"""The estimated wait and the limit of chats per agent: pure rules, and through the bus."""

from __future__ import annotations

import asyncio

import pytest

from application import commands as c
from application import queries
from domain.agent_load import ChatLimit
from domain.errors import AlreadyAssigned, NotAssignedAgent, TooManyChats
from domain.waiting import estimated_wait_seconds
from tests.unit.conftest import AT
from tests.unit.fakes import App, build_app
from tests.unit.test_chat_session import ASKED, ESCALATED, JOIN_NOTICE, JOINED, NOTICE, STARTED
from tests.unit.test_chat_session import given as session_given


@pytest.mark.parametrize(("waits", "position", "expected"), [
    ([], 1, None),                    # nobody taken yet: no figure rather than a made-up one
    ([120.0], 1, 120),
    ([120.0], 3, 360),
    ([60.0, 600.0, 90.0], 2, 180),    # the median: one long wait does not skew it
    ([30.0, 50.0], 1, 40),            # an even count: the middle of the two middle ones
    ([0.4], 1, 0),
    ([10.0], 0, None),
])
def test_the_estimate_is_the_median_recent_wait_times_the_position(
        waits: list[float], position: int, expected: int | None) -> None:
    assert estimated_wait_seconds(waits, position) == expected


def test_an_agent_may_take_chats_until_the_limit() -> None:
    limit = ChatLimit(max_chats=2)
    limit.ensure_room_for_one_more("sara", 1)
    with pytest.raises(TooManyChats):
        limit.ensure_room_for_one_more("sara", 2)


def test_joining_again_a_session_one_holds_records_nothing() -> None:
    session = session_given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)
    session.join("sara", "m9", "sara joined", AT)
    assert session.pending_events == ()


def test_only_the_agent_holding_a_session_may_close_it() -> None:
    session = session_given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)
    with pytest.raises(NotAssignedAgent):
        session.close("omid", AT)
    session.close("sara", AT)
    assert len(session.pending_events) == 1


async def queued(app: App, count: int) -> list[str]:
    keys = []
    for _ in range(count):
        key = (await app.bus.handle(c.StartSession())).session_key
        await app.bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
        await app.bus.idle()
        keys.append(key)
    return keys


async def test_the_limit_counts_the_agents_active_chats() -> None:
    app = build_app()
    keys = await queued(app, 7)
    for key in keys[:5]:
        await app.bus.handle(c.JoinSession(key, "sara"))
    with pytest.raises(TooManyChats):
        await app.bus.handle(c.JoinSession(keys[5], "sara"))
    await app.bus.handle(c.JoinSession(keys[0], "sara"))  # already hers: fine
    await app.bus.handle(c.JoinSession(keys[5], "omid"))  # another agent has room
    await app.bus.handle(c.CloseSession(keys[1], "sara"))
    await app.bus.handle(c.JoinSession(keys[6], "sara"))
    await app.bus.idle()
    held = [chat.session_key for chat in await app.read_models.active_chats()
            if chat.agent == "sara"]
    assert sorted(held) == sorted([keys[0], *keys[2:5], keys[6]])


async def test_two_agents_joining_at_once_one_wins_and_the_stream_holds_one_join() -> None:
    app = build_app()
    (key,) = await queued(app, 1)
    outcomes = await asyncio.gather(app.bus.handle(c.JoinSession(key, "sara")),
                                    app.bus.handle(c.JoinSession(key, "omid")),
                                    return_exceptions=True)
    assert sum(isinstance(o, AlreadyAssigned) for o in outcomes) == 1
    joins = [r.event for r in app.log.records if type(r.event).__name__ == "AgentJoined"]
    assert len(joins) == 1


async def test_the_queue_place_carries_the_estimate_from_waits_recorded_on_taking() -> None:
    app = build_app()
    first, second, third = await queued(app, 3)
    assert await queries.queue_place(app.read_models, second) == queries.QueuePlace(2, None)
    app.clock.advance(300)
    await app.bus.handle(c.JoinSession(first, "sara"))
    await app.bus.idle()
    assert await app.read_models.recent_waits(20) == [300.0]
    assert await queries.queue_place(app.read_models, third) == queries.QueuePlace(2, 600)
    assert await queries.queue_place(app.read_models, first) is None
    await app.bus.handle(c.CloseSession(second, "sara"))  # leaving unserved is no wait sample
    await app.bus.idle()
    assert await app.read_models.recent_waits(20) == [300.0]
