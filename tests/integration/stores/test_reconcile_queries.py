"""The reconciler's questions to the read models, and its repairs, on every backend.

"Crashed" is a bus on the same store that runs no policy: what a process leaves behind
when it dies right after a commit.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from sqlalchemy import event

from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from application import commands as c
from application.messagebus import MessageBus
from application.reconcile import Reconciler
from application.services import Services
from domain.faq import FAQContent
from domain.queue import SessionEnqueued
from domain.session_events import BotAnswered
from tests.integration.stores.backends import SQL_BACKENDS, Backend
from tests.integration.stores.support import SequentialIds
from tests.unit.conftest import FixedClock

GRACE = 30
BOOKING = c.AddFAQ(FAQContent("How do I book an appointment?", "Use the booking page.",
                              ("book", "appointment"), "booking", 5))


class Instance:
    """One process's bus (with or without policies) on the shared store."""

    def __init__(self, backend: Backend, clock: FixedClock, policies: bool = True) -> None:
        self.services = Services(uow=backend.uow, read_models=backend.read_models,
                                 matcher=IndexedFAQMatcher(backend.read_models),
                                 responder=LocalFallbackResponder(), clock=clock,
                                 ids=SequentialIds() if policies else _CrashIds())
        self.bus = MessageBus(self.services, backend.make_uow,
                              event_handlers=None if policies else {})

    def reconciler(self) -> Reconciler:
        return Reconciler(self.bus, self.services, GRACE)

    async def start(self) -> str:
        return str((await self.bus.handle(c.StartSession())).session_key)

    async def escalated(self, live: Instance) -> str:
        key = await live.start()
        await live.bus.handle(c.EscalateSession(key, "visitor_request"))
        await live.bus.idle()
        return key


class _CrashIds(SequentialIds):
    def new_session_key(self) -> str:
        return "crash-" + super().new_session_key()

    def new_id(self) -> str:
        return "crash-" + super().new_id()


async def count(backend: Backend, kind: type) -> int:
    return sum(isinstance(r.event, kind) for r in await backend.tail(0))


async def test_the_loose_ends_are_found_then_tied_once(backend: Backend) -> None:
    clock = FixedClock()
    live, crashed = Instance(backend, clock), Instance(backend, clock, policies=False)
    await live.bus.handle(BOOKING)
    answered = await live.start()
    await live.bus.handle(c.PostVisitorMessage(answered, "book an appointment"))
    await live.bus.idle()
    clock.advance(1)
    lost = await crashed.start()
    await crashed.bus.handle(c.PostVisitorMessage(lost, "do you open on fridays?"))
    clock.advance(1)
    half = await crashed.start()
    # The FAQ answers this one in the question's own commit: no policy to lose.
    await crashed.bus.handle(c.PostVisitorMessage(half, "book an appointment"))
    await crashed.bus.handle(c.PostVisitorMessage(half, "is there parking?"))
    not_queued = await crashed.start()
    await crashed.bus.handle(c.EscalateSession(not_queued, "visitor_request"))
    taken, closed, waiting = [await live.escalated(live) for _ in range(3)]
    await crashed.bus.handle(c.JoinSession(taken, "sara"))
    await crashed.bus.handle(c.CloseSession(closed, "visitor"))
    clock.advance(1)
    cutoff = clock.now()
    clock.advance(1)
    recent = await crashed.start()
    await crashed.bus.handle(c.PostVisitorMessage(recent, "and on fridays?"))

    models = backend.read_models
    assert await models.sessions_awaiting_reply(cutoff, 10) == [lost, half]
    assert await models.sessions_awaiting_reply(cutoff, 1) == [lost]
    assert await models.queued_sessions_not_waiting(10) == [not_queued]
    assert await models.waiting_sessions_gone(10) == sorted([taken, closed])

    clock.advance(GRACE + 1)
    repairs = await live.reconciler().run_once()
    assert sorted((r.kind, r.session_key) for r in repairs) == sorted([
        ("answer", lost), ("answer", half), ("answer", recent), ("enqueue", not_queued),
        ("dequeue", taken), ("dequeue", closed)])
    assert await models.sessions_awaiting_reply(clock.now(), 10) == []
    assert await models.queued_sessions_not_waiting(10) == []
    assert await models.waiting_sessions_gone(10) == []
    assert [e.session_key for e in await models.queue()] == [waiting, not_queued]
    view = await models.session(half)
    assert view is not None and [(m.sender, m.source) for m in view.messages] == [
        ("user", None), ("bot", "faq"), ("user", None), ("bot", "ai")]
    written = len(await backend.tail(0))
    assert await live.reconciler().run_once() == []
    assert len(await backend.tail(0)) == written


@pytest.mark.parametrize("backend", SQL_BACKENDS, indirect=True)
async def test_instances_repairing_at_once_record_each_reaction_once(backend: Backend) -> None:
    clock = FixedClock()
    live, crashed = Instance(backend, clock), Instance(backend, clock, policies=False)
    await live.bus.handle(BOOKING)
    questions, escalations = [await crashed.start() for _ in range(3)], []
    for key in questions:
        await crashed.bus.handle(c.PostVisitorMessage(key, "is there parking?"))  # for the AI
    for _ in range(3):
        key = await crashed.start()
        await crashed.bus.handle(c.EscalateSession(key, "visitor_request"))
        escalations.append(key)
    clock.advance(GRACE + 1)
    reconcilers = [Instance(backend, clock).reconciler() for _ in range(4)]
    passes = await asyncio.gather(*(r.run_once() for r in reconcilers))
    repairs = [repair for done in passes for repair in done]
    assert sorted(r.session_key for r in repairs) == sorted(questions + escalations)
    assert await count(backend, BotAnswered) == 3
    assert await count(backend, SessionEnqueued) == 3
    assert sorted(e.session_key for e in await backend.read_models.queue()) == sorted(escalations)


QUERIES = [("sessions_awaiting_reply", (FixedClock().now(), 10), "ix_rm_sessions_awaiting_reply"),
           ("queued_sessions_not_waiting", (10,), "ix_rm_sessions_queued")]


@pytest.mark.parametrize("backend", SQL_BACKENDS, indirect=True)
@pytest.mark.parametrize(("query", "arguments", "index"), QUERIES)
async def test_the_reconcilers_questions_read_their_partial_indexes(
        backend: Backend, query: str, arguments: tuple[Any, ...], index: str) -> None:
    """So a pass costs little on a big store. In PostgreSQL even in a generic plan (a
    statement prepared once, run often), in SQLite without statistics: the indexes'
    conditions are in the queries as text, not as parameters the planner cannot see."""
    assert backend.db is not None
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(backend.db.engine.sync_engine, "before_cursor_execute", capture)
    await getattr(backend.read_models, query)(*arguments)
    event.remove(backend.db.engine.sync_engine, "before_cursor_execute", capture)
    [(statement, parameters)] = [(s, p) for s, p in seen if "rm_sessions" in s]
    if backend.name == "sqlite":
        plan = await _sqlite_plan(backend, statement, parameters)
    else:
        plan = await _generic_postgres_plan(backend, statement, parameters)
    assert index in plan, plan


async def _sqlite_plan(backend: Backend, statement: str, parameters: Any) -> str:
    assert backend.db is not None
    async with backend.db.connect() as conn:
        rows = await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(parameters))
        return "\n".join(str(row[-1]) for row in rows)


async def _generic_postgres_plan(backend: Backend, statement: str, parameters: Any) -> str:
    assert backend.db is not None
    names = re.findall(r"%\((\w+)\)s", statement)
    numbered = re.sub(r"%\((\w+)\)s", lambda m: f"${names.index(m.group(1)) + 1}", statement)
    async with backend.db.connect() as conn:
        raw = await conn.get_raw_connection()
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        await cursor.execute("SET enable_seqscan = off")
        await cursor.execute("SET plan_cache_mode = force_generic_plan")
        await cursor.execute(f"PREPARE reconciling AS {numbered}")
        values = ", ".join(_literal(parameters[name]) for name in names)
        await cursor.execute(f"EXPLAIN EXECUTE reconciling({values})")
        plan = "\n".join(row[0] for row in await cursor.fetchall())
        await cursor.execute("DEALLOCATE reconciling")
        await cursor.execute("RESET ALL")
    return plan


def _literal(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    return f"'{value if isinstance(value, str) else value.isoformat()}'"
