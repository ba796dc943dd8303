"""Two real `pasokh serve` processes on one PostgreSQL and one Redis, CHAT_ASSIGNMENT=auto:
conversations asked for at once on both instances, with an agent's desk open on each, are
each given exactly once, to agents with room, and none waits while someone has room."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import psycopg
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.integration.api.test_serve import receive
from tests.integration.multi_instance.conftest import AGENT, PASSWORD, Instance

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
MAX_CHATS, VISITORS = 3, 8
OMID_PASSWORD = "omid's own long password"
Frame = dict[str, Any]


@pytest.fixture
def cluster_settings() -> dict[str, str]:
    return {"CHAT_ASSIGNMENT": "auto", "CHAT_AGENT_MAX_CHATS": str(MAX_CHATS),
            "PASOKH_SESSION_RATE_LIMIT": "1000", "CHAT_ESCALATIONS_PER_ADDRESS": "1000",
            "CHAT_ESCALATIONS_PER_VISITOR": "1000"}


class Desk:
    """An agent's socket, every frame kept as it arrives."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.frames: list[Frame] = []

    async def read_forever(self) -> None:
        with contextlib.suppress(Exception):
            async for raw in self.socket:
                self.frames.append(json.loads(raw))

    def assigned(self) -> list[str]:
        return [f["session_key"] for f in self.frames if f["type"] == "assigned"]


@contextlib.asynccontextmanager
async def desk_open(url: str) -> AsyncIterator[Desk]:
    async with connect(url) as socket:
        desk = Desk(socket)
        assert (await receive(socket))["type"] == "snapshot"
        reading = asyncio.create_task(desk.read_forever())
        try:
            yield desk
        finally:
            reading.cancel()


async def asks_for_a_person(instance: Instance, http: httpx.AsyncClient) -> str:
    key: str = (await http.post(f"{instance.http}/chat/api/sessions/")).json()["session_key"]
    async with connect(f"{instance.ws}/ws/chat/{key}/") as visitor:
        await receive(visitor)
        await visitor.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
        while (await receive(visitor))["type"] != "status":
            pass
    return key


async def until(check: Any, what: str) -> Any:
    """Polls until `check()` is truthy; the bound is for a hung test, not a measure."""
    for _ in range(200):
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {what}")


def joins_per_conversation(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT stream_id, count(*) FROM events WHERE type = 'AgentJoined'"
                            " GROUP BY stream_id").fetchall()
    return {stream.removeprefix("session-"): count for stream, count in rows}


async def test_conversations_asked_for_on_both_instances_are_each_given_once(
        cluster: list[Instance], fresh_database: str) -> None:
    a, b = cluster
    async with httpx.AsyncClient(timeout=10) as http:
        sara = (await http.post(f"{a.http}/chat/api/auth/login/", json={
            "username": AGENT, "password": PASSWORD})).json()["access_token"]
        admin = {"Authorization": f"Bearer {sara}"}
        created = await http.post(f"{a.http}/chat/api/admin/agents/", headers=admin, json={
            "username": "omid", "password": OMID_PASSWORD, "role": "agent"})
        assert created.status_code == 201, created.text
        omid = (await http.post(f"{b.http}/chat/api/auth/login/", json={
            "username": "omid", "password": OMID_PASSWORD})).json()["access_token"]

        async with desk_open(f"{a.ws}/ws/admin/chat/?token={sara}") as on_a, \
                desk_open(f"{b.ws}/ws/admin/chat/?token={omid}") as on_b:
            keys = await asyncio.gather(*(asks_for_a_person((a, b)[n % 2], http)
                                          for n in range(VISITORS)))

            async def chats() -> list[Frame] | None:
                listed = (await http.get(f"{b.http}/chat/api/admin/active-chats/",
                                         headers=admin)).json()
                return listed if len(listed) == 2 * MAX_CHATS else None

            async def waiting() -> list[Frame] | None:
                queue = (await http.get(f"{a.http}/chat/api/admin/queue/", headers=admin)).json()
                return queue if len(queue) == VISITORS - 2 * MAX_CHATS else None

            held = await until(chats, "both agents full")
            queue = await until(waiting, "the rest waiting")
            await until(lambda: _now(len(on_a.assigned()) + len(on_b.assigned())
                                     == 2 * MAX_CHATS), "every desk told")

            given = {chat["session_key"]: chat["agent"] for chat in held}
            assert sorted(given.values()) == ["omid"] * MAX_CHATS + [AGENT] * MAX_CHATS
            assert sorted(on_a.assigned()) == sorted(k for k, v in given.items() if v == AGENT)
            assert sorted(on_b.assigned()) == sorted(k for k, v in given.items() if v == "omid")
            assert {entry["session_key"] for entry in queue} == set(keys) - set(given)
            assert joins_per_conversation(fresh_database) == dict.fromkeys(given, 1)

            # a place frees on A: the first waiting goes to sara, on A, once
            first_waiting = queue[0]["session_key"]
            await on_a.socket.send(json.dumps({"type": "close",
                                               "session_key": on_a.assigned()[0]}))
            await until(lambda: _now(first_waiting in on_a.assigned()), "the freed place given")
            assert joins_per_conversation(fresh_database)[first_waiting] == 1
            assert first_waiting not in on_b.assigned()


async def _now(value: bool) -> bool:
    return value
