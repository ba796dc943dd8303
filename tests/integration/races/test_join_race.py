"""Two agents join the same queued session at the same instant: exactly one wins, every time.

1,000 trials through the bus on the in-memory adapters; 50 each on SQLite and PostgreSQL,
where the two joins really run on two connections and meet in the event store.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.sql.database import Database
from adapters.sql.read_models import SqlReadModels
from application import commands as c
from application.messagebus import MessageBus
from application.services import Services
from domain.chat_session import ChatSession
from domain.errors import AlreadyAssigned
from tests.integration.races.conftest import UnitsOfWork
from tests.unit.conftest import CountingIds, FixedClock
from tests.unit.fakes import ScriptedResponder, build_app

AGENTS = ("sara", "omid")


async def join_race(bus: MessageBus, trials: int) -> dict[str, int]:
    wins = dict.fromkeys(AGENTS, 0)
    order = random.Random(trials)
    for _ in range(trials):
        agents = order.sample(AGENTS, k=2)
        key = (await bus.handle(c.StartSession())).session_key
        assert await bus.handle(c.EscalateSession(key, "visitor_request")) is True
        await bus.idle()
        outcomes: list[Any] = await asyncio.gather(
            *(bus.handle(c.JoinSession(key, agent)) for agent in agents),
            return_exceptions=True)
        winners = [str(o.agent) for o in outcomes if isinstance(o, ChatSession)]
        losers = [o for o in outcomes if isinstance(o, AlreadyAssigned)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        await bus.idle()
        stored = await bus.handle(c.CloseSession(key, winners[0]))
        assert stored.agent == winners[0]
        await bus.idle()
        wins[winners[0]] += 1
    return wins


async def test_a_thousand_races_in_memory_have_one_winner_each() -> None:
    app = build_app()
    wins = await join_race(app.bus, 1000)
    print(f"in-memory join races: {wins}")
    assert sum(wins.values()) == 1000
    assert await app.read_models.queue() == []


@pytest.fixture
async def sql_bus(sql_storage: tuple[Database, UnitsOfWork]) -> AsyncIterator[MessageBus]:
    db, uow = sql_storage
    read_models = SqlReadModels(db)
    services = Services(uow=uow, read_models=read_models,
                        matcher=IndexedFAQMatcher(read_models),
                        responder=ScriptedResponder(), clock=FixedClock(), ids=CountingIds())
    bus = MessageBus(services, uow)
    try:
        yield bus
    finally:
        await bus.idle()


@pytest.mark.parametrize(
    "sql_storage", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True)
async def test_fifty_races_on_sql_have_one_winner_each(sql_bus: MessageBus) -> None:
    wins = await join_race(sql_bus, 50)
    print(f"SQL join races: {wins}")
    assert sum(wins.values()) == 50
