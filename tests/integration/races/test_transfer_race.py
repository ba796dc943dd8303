"""Sara hands a conversation on from two tabs at the same instant (to a colleague, and back
to the queue): exactly one hand-over wins, every time, on SQLite and PostgreSQL, where the
two really run on two connections and meet in the event store's optimistic concurrency
(ADR 0047)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.agents import InMemoryAgentAccounts
from adapters.sql.database import Database
from adapters.sql.read_models import SqlReadModels
from application import commands as c
from application.messagebus import MessageBus
from application.ports import AgentAccount
from application.services import Services
from domain.chat_session import ChatSession
from domain.errors import AlreadyAssigned, NotAssignedAgent
from tests.integration.races.conftest import UnitsOfWork
from tests.unit.conftest import CountingIds, FixedClock
from tests.unit.fakes import DeskPresence, ScriptedResponder

HANDOVERS = (c.TransferSession, "omid"), (c.TransferSession, "reza"), (c.TransferSession, None)


async def handover_race(bus: MessageBus, read_models: SqlReadModels, trials: int) -> int:
    order = random.Random(trials)
    for _ in range(trials):
        key = (await bus.handle(c.StartSession())).session_key
        assert await bus.handle(c.EscalateSession(key, "visitor_request")) is True
        await bus.idle()
        await bus.handle(c.JoinSession(key, "sara"))
        await bus.idle()
        targets = order.sample([to for _, to in HANDOVERS], k=2)
        outcomes: list[Any] = await asyncio.gather(
            *(bus.handle(c.TransferSession(key, "sara", to)) for to in targets),
            return_exceptions=True)
        winners = [o for o in outcomes if isinstance(o, ChatSession)]
        losers = [o for o in outcomes if isinstance(o, AlreadyAssigned | NotAssignedAgent)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        await bus.idle()
        view = await read_models.session(key)
        assert view is not None and view.agent == winners[0].agent
        waiting = [e.session_key for e in await read_models.queue()]
        assert (key in waiting) == (winners[0].agent is None)
        await bus.handle(c.CloseSession(key, winners[0].agent or "sara"))
        await bus.idle()
    return trials


@pytest.fixture
async def sql_app(sql_storage: tuple[Database, UnitsOfWork]
                  ) -> AsyncIterator[tuple[MessageBus, SqlReadModels]]:
    db, uow = sql_storage
    accounts = InMemoryAgentAccounts()
    for name in ("sara", "omid", "reza"):
        await accounts.save(AgentAccount(name, "h", name.title(), datetime(2026, 1, 1,
                                                                           tzinfo=UTC)))
    read_models = SqlReadModels(db)
    services = Services(uow=uow, read_models=read_models,
                        matcher=IndexedFAQMatcher(read_models),
                        responder=ScriptedResponder(), clock=FixedClock(), ids=CountingIds(),
                        accounts=accounts, presence=DeskPresence({"sara", "omid", "reza"}))
    bus = MessageBus(services, uow)
    try:
        yield bus, read_models
    finally:
        await bus.idle()


@pytest.mark.parametrize(
    "sql_storage", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True)
async def test_thirty_handover_races_on_sql_have_one_winner_each(
        sql_app: tuple[MessageBus, SqlReadModels]) -> None:
    assert await handover_race(*sql_app, 30) == 30
