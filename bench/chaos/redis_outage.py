"""Redis outage: two `pasokh serve` instances reach Redis through a TCP proxy that is cut
for `--outage` seconds (connections dropped, new ones refused; the real server is never
touched) while visitors and agents chat across both instances. Prints what was sent,
acknowledged, lost and duplicated, and how long after Redis came back live delivery from
one instance to the other resumed.

    python -m bench.chaos.redis_outage                    # a 30 s outage
    python -m bench.chaos.redis_outage --outage 3 --before 2 --after 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.chaos.audit import Report
from bench.chaos.cluster import (
    Cluster,
    Instance,
    add_common_options,
    environment,
    prepare,
    run_in_scratch,
)
from bench.chaos.crowd import agent_names, talking
from bench.chaos.tcp_proxy import PausableProxy

PROBE_SECONDS = 0.1
RECOVERY_LIMIT = 30.0


@dataclass(frozen=True)
class Plan:
    outage: float = 30.0  # seconds Redis is unreachable
    before: float = 5.0  # seconds of traffic before the cut
    after: float = 10.0  # seconds of traffic after it
    visitors: int = 8
    agents: int = 2
    pace: float = 0.3
    seed: int | None = None


@dataclass
class Outcome:
    report: Report
    plan: Plan
    served_during: dict[str, bool]
    recovery: float | None
    caught_up: bool

    def lines(self) -> list[str]:
        served = ", ".join(f"instance {name} {'yes' if ok else 'NO'}"
                           for name, ok in self.served_during.items())
        recovery = "never" if self.recovery is None else f"{self.recovery:.2f} s"
        return [f"Redis outage of {self.plan.outage:.0f} s, two instances, "
                f"{self.plan.visitors} visitors, {self.plan.agents} agents",
                f"each instance served its own sockets during the outage: {served}",
                f"recovery: cross-instance delivery resumed {recovery} after Redis came back",
                "what the other instance missed live arrived by catch-up: "
                f"{'yes' if self.caught_up else 'NO'}",
                *self.report.lines()]


class Watch:
    """One session open on both instances: said on `a`, is it heard live on `b`?"""

    def __init__(self, a: Instance, b: Instance) -> None:
        self.a, self.b = a, b
        self.seen: list[str] = []
        self._on_a: ClientConnection | None = None
        self._on_b: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Watch:
        async with httpx.AsyncClient() as http:
            key = (await http.post(f"{self.a.http}/chat/api/sessions/")).json()["session_key"]
        self._on_a = await connect(f"{self.a.ws}/ws/chat/{key}/")
        self._on_b = await connect(f"{self.b.ws}/ws/chat/{key}/")
        await self._on_a.recv()
        await self._on_b.recv()
        self._reader = asyncio.create_task(self._read_b())
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._reader is not None:
            self._reader.cancel()
        for socket in (self._on_a, self._on_b):
            if socket is not None:
                await socket.close()

    async def _read_b(self) -> None:
        assert self._on_b is not None
        async for raw in self._on_b:
            frame = json.loads(raw)
            if frame.get("type") == "message":
                self.seen.append(frame["message"]["text"])

    async def say(self, text: str) -> bool:
        """Say it on `a`; True when `a` echoed it (the instance serves its own socket)."""
        assert self._on_a is not None
        await self._on_a.send(json.dumps({"type": "message", "text": text, "client_id": text}))
        try:
            async with asyncio.timeout(10):
                while True:
                    frame = json.loads(await self._on_a.recv())
                    if frame.get("type") == "message" and frame["message"]["text"] == text:
                        return True
        except TimeoutError:
            return False

    async def heard_within(self, text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.seen:
                return True
            await asyncio.sleep(0.01)
        return text in self.seen


async def run(database_url: str, redis_url: str, folder: Path, plan: Plan) -> Outcome:
    rng = random.Random(plan.seed)
    parts = urlsplit(redis_url)
    with PausableProxy(parts.hostname or "127.0.0.1", parts.port or 6379) as proxy:
        proxied = parts._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
        env = environment(database_url, proxied)
        await asyncio.to_thread(prepare, env, folder, agent_names(plan.agents))
        async with Cluster(env, folder) as cluster:
            a, b = cluster.instances
            async with Watch(a, b) as forward, Watch(b, a) as backward, \
                    talking(cluster.instances, plan.visitors, plan.agents, plan.pace,
                            rng) as crowd:
                await asyncio.sleep(plan.before)
                proxy.cut()
                await asyncio.sleep(min(2.0, plan.outage))
                served = {"a": await forward.say("said on a during the outage"),
                          "b": await backward.say("said on b during the outage")}
                await asyncio.sleep(max(0.0, plan.outage - 2.0))
                proxy.restore()
                restored_at = time.monotonic()
                recovery, probe = None, 0
                while recovery is None and time.monotonic() - restored_at < RECOVERY_LIMIT:
                    probe += 1
                    text = f"after the outage {probe}"
                    await forward.say(text)
                    if await forward.heard_within(text, PROBE_SECONDS):
                        recovery = time.monotonic() - restored_at
                caught_up = await forward.heard_within("said on a during the outage", 5)
                await asyncio.sleep(plan.after)
            report = await crowd.audit(database_url)
    return Outcome(report, plan, served, recovery, caught_up)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos.redis_outage",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outage", type=float, default=Plan.outage)
    parser.add_argument("--before", type=float, default=Plan.before)
    parser.add_argument("--after", type=float, default=Plan.after)
    parser.add_argument("--visitors", type=int, default=Plan.visitors)
    parser.add_argument("--agents", type=int, default=Plan.agents)
    parser.add_argument("--pace", type=float, default=Plan.pace)
    add_common_options(parser)
    return parser.parse_args()


def main() -> int:
    args = arguments()
    plan = Plan(args.outage, args.before, args.after, args.visitors, args.agents, args.pace,
                args.seed)
    outcome = run_in_scratch(args, "pasokh-redis-outage-",
                             lambda database, redis, folder: run(database, redis, folder, plan))
    print("\n".join(outcome.lines()))
    report = outcome.report
    healthy = (report.lost == 0 and not report.duplicated and not report.unacknowledged
               and all(outcome.served_during.values()) and outcome.recovery is not None
               and outcome.caught_up)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
