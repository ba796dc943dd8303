"""The assignment board on the real Redis (ADR 0046): one pass at a time across instances, a
dead holder's turn passing on by itself, and when each agent was last busy; the in-memory
board keeps the same record."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis

from adapters.memory.assignment_board import InMemoryAssignmentBoard
from adapters.redis_assignment_board import RedisAssignmentBoard
from application.ports import AssignmentBoard, AssignmentTurn

AT = datetime(2026, 1, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
async def prefix_and_client(redis_url: str) -> AsyncIterator[tuple[str, Redis]]:
    client = Redis.from_url(redis_url)
    yield f"pasokh-test-{secrets.token_hex(4)}", client
    await client.aclose()


@pytest.mark.redis
async def test_two_instances_take_turns(prefix_and_client: tuple[str, Redis]) -> None:
    prefix, client = prefix_and_client
    a, b = RedisAssignmentBoard(client, prefix), RedisAssignmentBoard(client, prefix)
    order: list[str] = []
    a_inside, a_may_leave = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with a.turn():
            order.append("a in")
            a_inside.set()
            await a_may_leave.wait()
            order.append("a out")

    async def second() -> None:
        await a_inside.wait()
        async with b.turn():
            order.append("b in")

    both = asyncio.gather(first(), second())
    await a_inside.wait()
    for _ in range(20):
        await asyncio.sleep(0.01)  # b keeps asking while a holds the turn
    a_may_leave.set()
    await both
    assert order == ["a in", "a out", "b in"]


@pytest.mark.redis
async def test_a_turn_held_too_long_is_refused_and_a_dead_holders_expires(
        prefix_and_client: tuple[str, Redis]) -> None:
    prefix, client = prefix_and_client
    await client.set(f"{prefix}:assignment:turn", "a dead instance", px=300)
    impatient = RedisAssignmentBoard(client, prefix, patience_seconds=0.05)
    with pytest.raises(AssignmentTurn):
        async with impatient.turn():
            pass
    patient = RedisAssignmentBoard(client, prefix, patience_seconds=10)
    async with patient.turn():  # had once the dead holder's 300 ms ran out
        assert await client.get(f"{prefix}:assignment:turn") != b"a dead instance"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def board(request: pytest.FixtureRequest) -> AssignmentBoard:
    if request.param == "memory":
        return InMemoryAssignmentBoard()
    prefix, client = request.getfixturevalue("prefix_and_client")
    return RedisAssignmentBoard(client, prefix)


async def test_the_board_remembers_when_each_agent_was_last_busy(board: AssignmentBoard) -> None:
    assert await board.idle_since({"sara", "omid"}) == {}
    await board.busy("sara", AT)
    await board.busy("omid", AT.replace(hour=8))
    await board.busy("sara", AT.replace(hour=10))
    assert await board.idle_since({"sara", "omid", "mina"}) == {
        "sara": AT.replace(hour=10), "omid": AT.replace(hour=8)}


async def test_the_board_remembers_who_put_a_conversation_back(board: AssignmentBoard) -> None:
    assert await board.put_back_by(["k1", "k2"]) == {}
    await board.put_back("k1", "sara")
    await board.put_back("k1", "omid")  # put back again, by the next one to hold it
    await board.put_back("k2", "سارا")
    assert await board.put_back_by(["k1", "k2", "k3"]) == {"k1": "omid", "k2": "سارا"}
    assert await board.put_back_by([]) == {}
