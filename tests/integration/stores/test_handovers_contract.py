"""Conversations handed on and put back (ADR 0047) read the same on every backend, and the
SQL stores' rebuilt tables equal the live ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.sql.rebuild import rebuild_projections
from application import commands as c
from application.messagebus import MessageBus
from application.ports import AgentAccount, ReadModels
from tests.integration.stores.backends import Backend, memory_backend
from tests.integration.stores.flows import run, snapshot
from tests.integration.stores.support import bus_for
from tests.integration.stores.test_rebuild import dump, vandalise
from tests.unit.fakes import DeskPresence


async def team_bus(backend: Backend) -> MessageBus:
    accounts = InMemoryAgentAccounts()
    for name in ("sara", "omid"):
        await accounts.save(AgentAccount(name, "h", name.title(), datetime(2026, 1, 1,
                                                                           tzinfo=UTC)))
    return bus_for(backend, accounts, DeskPresence({"sara", "omid"}))


async def handover_day(bus: MessageBus, read_models: ReadModels) -> list[dict[str, Any]]:
    """Three visitors wait; sara takes two, hands one to omid, puts the other back."""
    keys = [(await run(bus, c.StartSession())).session_key for _ in range(3)]
    a, b, c_ = keys
    await run(bus, c.PostVisitorMessage(a, "مشکل با پرداخت دارم", "a1"))
    await run(bus, c.PostVisitorMessage(b, "I want to talk to a human", "b1"))
    await run(bus, c.PostVisitorMessage(c_, "can I speak to an operator", "c1"))
    await run(bus, c.JoinSession(a, "sara"))
    await run(bus, c.JoinSession(b, "sara"))
    snapshots = [await snapshot(read_models, keys)]
    await run(bus, c.TransferSession(a, "sara", "omid"))
    await run(bus, c.PostVisitorMessage(a, "سلام؟", "a2"))
    await run(bus, c.TransferSession(b, "sara", None))
    snapshots.append(await snapshot(read_models, keys))
    return snapshots


async def test_handovers_read_the_same_as_in_memory(backend: Backend) -> None:
    reference = memory_backend()
    expected = await handover_day(await team_bus(reference), reference.read_models)
    assert await handover_day(await team_bus(backend), backend.read_models) == expected
    final = expected[-1]
    a, b, c_ = final["sessions"]
    assert [(q.session_key, q.position) for q in final["queue"]] == [
        (b.session_key, 1), (c_.session_key, 2)]
    assert [(ch.session_key, ch.agent) for ch in final["active_chats"]] == [
        (a.session_key, "omid")]
    assert (b.status, b.agent) == ("queued", None)
    assert [m.sender for m in a.messages] == ["user", "system", "system", "system", "user"]


async def test_rebuilt_handovers_equal_the_live_tables(sql: Backend) -> None:
    assert sql.db is not None
    await handover_day(await team_bus(sql), sql.read_models)
    live = await dump(sql.db)
    await vandalise(sql.db)
    await rebuild_projections(sql.db, lambda done, total: None, batch_size=5)
    assert await dump(sql.db) == live
