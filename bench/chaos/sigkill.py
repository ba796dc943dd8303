"""SIGKILL chaos: visitors and agents chat through two `pasokh serve` instances on one
PostgreSQL database and Redis while one instance at a time is killed with SIGKILL and
restarted. Clients reconnect to either instance (visitors with `?after_seq=`, agents asking
for the history) and resend what was not acknowledged with the same client_id. At the end
every acknowledged message must be in the store once and in every participant's view.

    python -m bench.chaos.sigkill                       # 20 kills, ~2 minutes
    python -m bench.chaos.sigkill --kills 3 --interval 0.5 1.5 --visitors 4
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Plan:
    kills: int = 20
    interval: tuple[float, float] = (1.0, 4.0)  # seconds between kills
    down: float = 0.5  # seconds a killed instance stays dead before its restart
    visitors: int = 8
    agents: int = 2
    pace: float = 0.3  # seconds between one participant's messages
    seed: int | None = None
    settle: float = 0.0  # seconds between the last message and the audit (reconciler time)


@dataclass
class Outcome:
    report: Report
    kills: int
    restart_seconds: list[float]
    chaos_seconds: float

    def lines(self) -> list[str]:
        restarts = self.restart_seconds or [0.0]
        return [f"SIGKILL chaos: {self.kills} kills in {self.chaos_seconds:.1f} s, restart "
                f"to ready {sum(restarts) / len(restarts):.2f} s on average "
                f"(max {max(restarts):.2f} s)", *self.report.lines()]


async def kill_at_random(instances: Sequence[Instance], plan: Plan, rng: random.Random
                         ) -> list[float]:
    restarts = []
    for _ in range(plan.kills):
        await asyncio.sleep(rng.uniform(*plan.interval))
        victim = rng.choice(instances)
        victim.kill()
        await asyncio.sleep(plan.down)
        began = time.monotonic()
        await victim.start()
        restarts.append(time.monotonic() - began)
    return restarts


async def run(database_url: str, redis_url: str, folder: Path, plan: Plan) -> Outcome:
    rng = random.Random(plan.seed)
    env = environment(database_url, redis_url)
    await asyncio.to_thread(prepare, env, folder, agent_names(plan.agents))
    async with Cluster(env, folder) as cluster:
        instances = cluster.instances
        async with talking(instances, plan.visitors, plan.agents, plan.pace, rng) as crowd:
            began = time.monotonic()
            restarts = await kill_at_random(instances, plan, rng)
            chaos_seconds = time.monotonic() - began
        await asyncio.sleep(plan.settle)
        report = await crowd.audit(database_url)
    return Outcome(report, sum(i.kills for i in instances), restarts, chaos_seconds)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos.sigkill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=Plan.kills)
    parser.add_argument("--interval", type=float, nargs=2, default=Plan.interval,
                        metavar=("MIN", "MAX"), help="seconds between kills")
    parser.add_argument("--visitors", type=int, default=Plan.visitors)
    parser.add_argument("--agents", type=int, default=Plan.agents)
    parser.add_argument("--pace", type=float, default=Plan.pace)
    parser.add_argument("--settle", type=float, default=Plan.settle,
                        help="seconds to wait before the audit, so the reconciler can repair "
                             "reactions the kills lost (see PASOKH_RECONCILE_GRACE_SECONDS)")
    add_common_options(parser)
    return parser.parse_args()


def main() -> int:
    args = arguments()
    plan = Plan(args.kills, tuple(args.interval), Plan.down, args.visitors, args.agents,
                args.pace, args.seed, args.settle)
    outcome = run_in_scratch(args, "pasokh-chaos-",
                             lambda database, redis, folder: run(database, redis, folder, plan))
    print("\n".join(outcome.lines()))
    return 0 if outcome.report.lost == 0 and not outcome.report.duplicated else 1


if __name__ == "__main__":
    sys.exit(main())
