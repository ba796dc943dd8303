"""PostgreSQL goes away under a serving instance: visitors are told `unavailable` for what
could not be stored (never an echo without a commit), the socket stays open, a new socket
is closed with 1013 (try again later), /readyz turns red, and writes resume by themselves
once the database is back."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from bench.chaos.postgres_outage import Plan, run
from bench.chaos.tcp_proxy import PausableProxy
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.integration.multi_instance.conftest import Instance
from tests.integration.outages.conftest import DB_DEADLINE

pytestmark = [pytest.mark.postgres]
RECOVERY_LIMIT = 10.0  # the issue: writes resume by themselves within 10 s
FRAME_SECONDS = 10.0
# The deadline, plus psycopg's own bounded attempt to cancel the query (up to 10 s)
PARTITION_SECONDS = DB_DEADLINE + 15
TRY_AGAIN_LATER = 1013
Frame = dict[str, Any]


class Visitor:
    """A visitor socket that keeps every frame it received, in order."""

    def __init__(self, socket: ClientConnection, patience: float = FRAME_SECONDS) -> None:
        self.socket = socket
        self.frames: list[Frame] = []
        self.patience = patience

    async def post(self, text: str, client_id: str) -> Frame:
        """Send a message; its echo (a `message` frame) or the `error` frame that refused it."""
        await self.socket.send(json.dumps({"type": "message", "text": text,
                                           "client_id": client_id}))
        while True:
            frame: Frame = json.loads(await asyncio.wait_for(self.socket.recv(), self.patience))
            self.frames.append(frame)
            if frame["type"] == "error" or (
                    frame["type"] == "message" and frame["message"]["client_id"] == client_id):
                return frame

    async def resend_until_stored(self, text: str, client_id: str, limit: float
                                  ) -> tuple[float, int]:
        """The widget's way after `unavailable`: resend with the same client_id until the
        echo comes. How long that took, and how many attempts."""
        began, attempts = time.monotonic(), 0
        while True:
            assert time.monotonic() - began < limit, "writes never resumed"
            attempts += 1
            answer = await self.post(text, client_id)
            if answer["type"] == "message":
                return time.monotonic() - began, attempts
            assert answer["code"] == "unavailable", answer
            await asyncio.sleep(0.1)

    def echoed(self) -> list[Frame]:
        return [f["message"] for f in self.frames
                if f["type"] == "message" and f["message"]["sender"] == "user"]


async def close_code_of(url: str) -> int | None:
    """How the server ends a socket it cannot serve (None: it served a frame)."""
    try:
        async with connect(url) as socket:
            await asyncio.wait_for(socket.recv(), FRAME_SECONDS)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    return None


async def test_writes_are_refused_as_unavailable_during_an_outage_and_resume_after(
        postgres_behind_proxy: tuple[PausableProxy, Instance]) -> None:
    proxy, server = postgres_behind_proxy
    async with httpx.AsyncClient(base_url=server.http, timeout=FRAME_SECONDS) as http:
        key = (await http.post("/chat/api/sessions/")).json()["session_key"]
        async with connect(f"{server.ws}/ws/chat/{key}/") as socket:
            visitor = Visitor(socket)
            await socket.recv()
            assert (await visitor.post("before the outage", "v-1"))["type"] == "message"

            proxy.cut()
            ready = await http.get("/readyz")
            assert ready.status_code == 503 and "database" in ready.json()["failed"]
            refused = await visitor.post("during the outage", "v-2")
            assert refused["type"] == "error" and refused["code"] == "unavailable", refused
            again = await visitor.post("during the outage", "v-2")  # the socket still works
            assert again["type"] == "error" and again["code"] == "unavailable", again
            new_session = await http.post("/chat/api/sessions/")
            assert new_session.status_code == 503
            assert new_session.json()["error"]["code"] == "unavailable"
            assert await close_code_of(f"{server.ws}/ws/chat/{key}/") == TRY_AGAIN_LATER

            proxy.restore()
            recovery, attempts = await visitor.resend_until_stored(
                "during the outage", "v-2", RECOVERY_LIMIT)
            assert (await http.get("/readyz")).status_code == 200
        history = (await http.get(f"/chat/api/history/{key}/")).json()["messages"]
    stored = [m for m in history if m["sender"] == "user"]
    assert [m["text"] for m in stored] == ["before the outage", "during the outage"]
    assert {m["id"] for m in visitor.echoed()} <= {m["id"] for m in stored}  # echo => commit
    print(f"PostgreSQL outage: first write stored {recovery:.2f} s after the database came "
          f"back ({attempts} attempts)")


async def test_connections_that_died_while_idle_are_replaced_before_use(
        postgres_behind_proxy: tuple[PausableProxy, Instance]) -> None:
    """A database restart nobody noticed (no request during it) must cost nobody a message:
    the pool checks a connection before handing it out (pool_pre_ping)."""
    proxy, server = postgres_behind_proxy
    async with httpx.AsyncClient(base_url=server.http, timeout=FRAME_SECONDS) as http:
        key = (await http.post("/chat/api/sessions/")).json()["session_key"]
        async with connect(f"{server.ws}/ws/chat/{key}/") as socket:
            visitor = Visitor(socket)
            await socket.recv()
            assert (await visitor.post("before the restart", "v-1"))["type"] == "message"
            await asyncio.sleep(0.5)  # the bot's answer is stored; the pool is idle
            proxy.cut()  # every pooled connection is dropped
            proxy.restore()
            answer = await visitor.post("after the restart", "v-2")
            assert answer["type"] == "message", answer


async def test_a_database_whose_packets_vanish_is_given_up_on_and_writes_resume_after(
        postgres_behind_proxy: tuple[PausableProxy, Instance]) -> None:
    """A network partition: PostgreSQL's connections stay open and nothing comes back. The
    visitor hears `unavailable` (never silence), /readyz turns red, and after the partition
    heals the resent message is stored once."""
    proxy, server = postgres_behind_proxy
    async with httpx.AsyncClient(base_url=server.http, timeout=PARTITION_SECONDS) as http:
        key = (await http.post("/chat/api/sessions/")).json()["session_key"]
        async with connect(f"{server.ws}/ws/chat/{key}/") as socket:
            visitor = Visitor(socket, PARTITION_SECONDS)
            await socket.recv()
            assert (await visitor.post("before the partition", "v-1"))["type"] == "message"
            await asyncio.sleep(1.5)  # the bot's answer is stored, the catalog version read

            proxy.stall()
            began = time.monotonic()
            refused = await visitor.post("during the partition", "v-2")
            assert refused["type"] == "error" and refused["code"] == "unavailable", refused
            given_up = time.monotonic() - began
            # at the deadline: not after psycopg's own cancel request, which a partitioned
            # server never answers either (it took 12 s with a 2 s deadline before)
            assert given_up < DB_DEADLINE + 4, given_up
            assert (await http.get("/readyz")).status_code == 503

            proxy.restore()
            recovery, _ = await visitor.resend_until_stored(
                "during the partition", "v-2", PARTITION_SECONDS)
        history = (await http.get(f"/chat/api/history/{key}/")).json()["messages"]
    stored = [m["text"] for m in history if m["sender"] == "user"]
    assert stored == ["before the partition", "during the partition"]
    print(f"PostgreSQL partition: unavailable after {given_up:.2f} s (deadline "
          f"{DB_DEADLINE:g} s), writes resumed {recovery:.2f} s after it healed")


@pytest.mark.redis
async def test_a_crowd_loses_nothing_through_an_outage(fresh_database: str, redis_url: str,
                                                       tmp_path: Path) -> None:
    """The bounded version of `bench/chaos/postgres_outage.py`: two instances, visitors and
    agents, PostgreSQL cut for 2 s. What was acknowledged is stored once and seen by all;
    what was refused went through on a resend."""
    plan = Plan(outage=2.0, before=1.5, after=2.0, visitors=4, agents=1, pace=0.15, seed=3)
    outcome = await run(fresh_database, redis_url, tmp_path, plan)
    print("\n".join(outcome.lines()))
    report = outcome.report
    assert report.refused_messages > 0  # the outage was felt, and said so
    assert all(probe.statuses == {503} for probe in outcome.probes)
    assert all(probe.first(probe.ready, False, outcome.cut_at) is not None
               for probe in outcome.probes)  # /readyz turned red
    assert report.acknowledged == report.sent and report.unacknowledged == 0
    assert report.lost_in_store == [] and report.lost_in_views == []
    assert report.duplicated == [] and report.gaps == 0
