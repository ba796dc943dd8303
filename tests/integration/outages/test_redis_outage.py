"""Redis goes away under two instances: each keeps serving its own sockets, and live
delivery between them resumes (with what was missed) once Redis is back."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest
from bench.chaos.redis_outage import Plan, run
from bench.chaos.tcp_proxy import PausableProxy
from websockets.asyncio.client import ClientConnection, connect

from tests.integration.multi_instance.conftest import Instance

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
RECOVERY_LIMIT = 15.0


async def say(socket: ClientConnection, text: str) -> None:
    await socket.send(json.dumps({"type": "message", "text": text, "client_id": text}))


SEEN: dict[int, list[str]] = {}


async def until_text(socket: ClientConnection, text: str, timeout: float) -> None:
    """Wait for the message with this text; every message text seen is kept in SEEN."""
    seen = SEEN.setdefault(id(socket), [])

    async def look() -> None:
        while text not in seen:
            frame = json.loads(await socket.recv())
            if frame.get("type") == "message":
                seen.append(frame["message"]["text"])

    await asyncio.wait_for(look(), timeout)


async def test_instances_survive_a_redis_outage_and_catch_up(
        proxied_cluster: tuple[PausableProxy, list[Instance]]) -> None:
    proxy, (a, b) = proxied_cluster
    async with httpx.AsyncClient() as http:
        key = (await http.post(f"{a.http}/chat/api/sessions/")).json()["session_key"]
    async with connect(f"{a.ws}/ws/chat/{key}/") as on_a, \
            connect(f"{b.ws}/ws/chat/{key}/") as on_b:
        await on_a.recv(), await on_b.recv()
        await say(on_a, "before the outage")
        await until_text(on_b, "before the outage", 10)

        proxy.cut()
        await say(on_a, "during the outage")
        await until_text(on_a, "during the outage", 10)  # A still serves its own socket
        await say(on_b, "B during the outage")
        await until_text(on_b, "B during the outage", 10)  # and so does B

        proxy.restore()
        restored = time.monotonic()
        probe, recovered = 0, None
        while recovered is None:
            assert time.monotonic() - restored < RECOVERY_LIMIT, "live delivery never resumed"
            probe += 1
            await say(on_a, f"after the outage {probe}")
            try:
                await until_text(on_b, f"after the outage {probe}", 0.5)
                recovered = time.monotonic() - restored
            except TimeoutError:
                pass
        await until_text(on_b, "during the outage", 1)  # missed live, caught up from the store
        assert SEEN[id(on_b)].count("during the outage") == 1
    print(f"cross-instance delivery resumed {recovered:.2f} s after Redis came back "
          f"({probe} probe messages)")


async def test_a_crowd_loses_nothing_through_a_redis_outage(fresh_database: str, redis_url: str,
                                                            tmp_path: Path) -> None:
    """The bounded version of `bench/chaos/redis_outage.py`: two instances, visitors and an
    agent, Redis cut for 3 s."""
    plan = Plan(outage=3.0, before=1.5, after=1.5, visitors=4, agents=1, pace=0.15, seed=4)
    outcome = await run(fresh_database, redis_url, tmp_path, plan)
    print("\n".join(outcome.lines()))
    report = outcome.report
    assert outcome.served_during == {"a": True, "b": True}
    assert outcome.recovery is not None and outcome.caught_up
    assert report.lost == 0 and not report.duplicated and not report.unacknowledged
