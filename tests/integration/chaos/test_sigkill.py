"""The bounded version of `bench/chaos/sigkill.py`: three SIGKILLs of one of two instances
while visitors and agents chat through both. Nothing acknowledged may be lost or doubled,
in the store or in what any participant ends up seeing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.chaos.sigkill import Plan, run

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
PLAN = Plan(kills=3, interval=(0.3, 1.0), down=0.2, visitors=4, agents=2, pace=0.15, seed=9)


async def test_acknowledged_messages_survive_sigkills_once_each(
        fresh_database: str, redis_url: str, tmp_path: Path) -> None:
    outcome = await run(fresh_database, redis_url, tmp_path, PLAN)
    print("\n".join(outcome.lines()))
    report = outcome.report
    assert outcome.kills == PLAN.kills
    assert report.reconnects > 0  # clients did lose their instance
    assert report.resent_acked > 0  # and sent again what they could not know was stored
    assert report.acknowledged > 0 and report.questions > 0
    assert report.lost_in_store == [] and report.lost_in_views == []
    assert report.duplicated == []
    assert report.gaps == 0
