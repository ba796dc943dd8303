"""PostgreSQL outage: two `pasokh serve` instances reach PostgreSQL through a TCP proxy that
is cut for `--outage` seconds (connections dropped, new ones refused; the real server is
never touched) while visitors and agents chat. Prints what the clients were told, what was
stored, and how long after the database came back writes and /readyz recovered.

    python -m bench.chaos.postgres_outage                  # a 30 s outage
    python -m bench.chaos.postgres_outage --outage 3 --before 2 --after 3
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

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


@dataclass(frozen=True)
class Plan:
    outage: float = 30.0  # seconds PostgreSQL is unreachable
    before: float = 5.0  # seconds of traffic before the cut
    after: float = 10.0  # seconds of traffic after it
    visitors: int = 8
    agents: int = 2
    pace: float = 0.3
    seed: int | None = None


@dataclass
class Probe:
    """One instance watched every PROBE_SECONDS: a write (a new session) and /readyz."""

    instance: Instance
    writes: list[tuple[float, bool]] = field(default_factory=list)
    ready: list[tuple[float, bool]] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)  # what refused writes answered

    async def watch(self, until: asyncio.Event) -> None:
        async with httpx.AsyncClient(base_url=self.instance.http, timeout=10) as http:
            while not until.is_set():
                write = await http.post("/chat/api/sessions/")
                self.writes.append((time.monotonic(), write.status_code == 201))
                if write.status_code != 201:
                    self.statuses.add(write.status_code)
                ready = await http.get("/readyz")
                self.ready.append((time.monotonic(), ready.status_code == 200))
                await asyncio.sleep(PROBE_SECONDS)

    def first(self, series: list[tuple[float, bool]], ok: bool, after: float) -> float | None:
        """Seconds from `after` to the first observation that was `ok` (None: never)."""
        return next((at - after for at, good in series if at >= after and good is ok), None)


@dataclass
class Outcome:
    report: Report
    plan: Plan
    probes: list[Probe]
    cut_at: float
    restored_at: float
    first_ack_after: float | None

    def lines(self) -> list[str]:
        lines = [f"PostgreSQL outage of {self.plan.outage:.0f} s, two instances, "
                 f"{self.plan.visitors} visitors, {self.plan.agents} agents"]
        for probe in self.probes:
            name = probe.instance.name
            lines.append(
                f"instance {name}: /readyz red {_s(probe.first(probe.ready, False, self.cut_at))}"
                f" after the cut, green {_s(probe.first(probe.ready, True, self.restored_at))}"
                f" after the return; first write stored "
                f"{_s(probe.first(probe.writes, True, self.restored_at))} after the return "
                f"(refused writes answered {sorted(probe.statuses)})")
        lines.append(f"recovery: first chat message acknowledged {_s(self.first_ack_after)} "
                     f"after the database came back")
        return lines + self.report.lines()


def _s(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:.2f} s"


async def run(database_url: str, redis_url: str, folder: Path, plan: Plan) -> Outcome:
    rng = random.Random(plan.seed)
    parts = urlsplit(database_url)
    with PausableProxy(parts.hostname or "127.0.0.1", parts.port or 5432) as proxy:
        netloc = parts.netloc.rsplit("@", 1)
        auth = netloc[0] + "@" if len(netloc) == 2 else ""
        proxied = parts._replace(netloc=f"{auth}127.0.0.1:{proxy.port}").geturl()
        env = environment(proxied, redis_url)
        await asyncio.to_thread(prepare, env, folder, agent_names(plan.agents))
        async with Cluster(env, folder) as cluster:
            probes = [Probe(instance) for instance in cluster.instances]
            done = asyncio.Event()
            watching = [asyncio.create_task(probe.watch(done)) for probe in probes]
            async with talking(cluster.instances, plan.visitors, plan.agents, plan.pace,
                               rng) as crowd:
                await asyncio.sleep(plan.before)
                cut_at = time.monotonic()
                proxy.cut()
                await asyncio.sleep(plan.outage)
                proxy.restore()
                restored_at = time.monotonic()
                await asyncio.sleep(plan.after)
            done.set()
            await asyncio.gather(*watching)
            report = await crowd.audit(database_url)
    acks = [at for person in crowd.people for at in person.ack_times if at >= restored_at]
    first_ack = min(acks) - restored_at if acks else None
    return Outcome(report, plan, probes, cut_at, restored_at, first_ack)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos.postgres_outage",
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
    outcome = run_in_scratch(args, "pasokh-pg-outage-",
                             lambda database, redis, folder: run(database, redis, folder, plan))
    print("\n".join(outcome.lines()))
    report = outcome.report
    return 0 if report.lost == 0 and not report.duplicated and not report.unacknowledged \
        else 1


if __name__ == "__main__":
    sys.exit(main())
