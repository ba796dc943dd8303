"""The visitors and agents of a chaos run, from their first message to their final view."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bench.chaos.audit import Report, audit, database_activity, read_store
from bench.chaos.cluster import PASSWORD, Instance, faq_questions
from bench.chaos.participants import Agent, Participant, Visitor

DRAIN_SECONDS = 30.0
SETTLE_SECONDS = 1.0


@dataclass
class Crowd:
    visitors: list[Visitor]
    agents: list[Agent]

    @property
    def people(self) -> list[Participant]:
        return [*self.visitors, *self.agents]

    async def drain(self) -> None:
        """No new messages; wait until every unacknowledged one went through on a resend."""
        for person in self.people:
            person.sending = False
        deadline = time.monotonic() + DRAIN_SECONDS
        while any(p.pending_count for p in self.people) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await asyncio.sleep(SETTLE_SECONDS)  # answers to the last messages

    async def audit(self, database_url: str) -> Report:
        stored, recorded = await read_store(database_url)
        report = audit(stored, recorded, self.visitors, self.agents)
        report.unacknowledged = sum(person.pending_count for person in self.people)
        report.unacknowledged_ids = [f"{p.name} {cid}" for p in self.people
                                     for cid in p.pending]
        if report.unacknowledged_ids:
            report.database_activity = await database_activity(database_url)
        return report


def agent_names(count: int) -> list[str]:
    return [f"agent{n}" for n in range(count)]


@asynccontextmanager
async def talking(instances: Sequence[Instance], visitors: int, agents: int, pace: float,
                  rng: random.Random) -> AsyncIterator[Crowd]:
    """Half the visitors only ask FAQ questions, the other half ask for a human after three;
    the agents join what is queued. Inside the block they talk; leaving it drains what is
    unacknowledged, stops them and takes everyone's final view."""
    questions = faq_questions()
    crowd = Crowd([Visitor(f"v{n}", instances, pace, rng.sample(questions, 3),
                           escalates=n % 2 == 0) for n in range(visitors)],
                  [Agent(name, PASSWORD, instances, pace * 2) for name in agent_names(agents)])
    await asyncio.gather(*(v.start_session() for v in crowd.visitors),
                         *(a.log_in() for a in crowd.agents))
    stop = asyncio.Event()
    tasks = [asyncio.create_task(person.run(stop)) for person in crowd.people]
    try:
        yield crowd
        await crowd.drain()
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    await asyncio.gather(*(person.catch_up() for person in crowd.people))
