"""Group commit and kept aggregates on SQLite and PostgreSQL: commits that arrive together
share a transaction, each still gets its own outcome, and an aggregate kept by one process
is never trusted past a write by another."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from adapters.memory.pubsub import InProcessPubSub
from adapters.sql.database import Database
from adapters.sql.event_store import SqlEventStore
from adapters.sql.unit_of_work import SqlUnitOfWork
from application.commands import PostAgentMessage
from application.handlers.sessions import post_agent_message
from application.ports import ConcurrencyError
from application.services import Services
from application.unit_of_work import AbstractUnitOfWork, Append
from domain.chat_session import ChatSession, stream_id_for
from domain.errors import NotAssignedAgent
from domain.session_events import SessionStarted, VisitorMessagePosted
from tests.integration.stores.backends import SQL_BACKENDS, Backend
from tests.unit.fakes import CountingIds, FixedClock, ScriptedResponder

AT = datetime(2026, 2, 1, 9, tzinfo=UTC)


async def start(backend: Backend, key: str) -> None:
    async with backend.uow() as uow:
        uow.add(ChatSession.start(key, AT))
        await uow.commit()


async def post(backend: Backend, key: str, text: str, client_id: str | None = None) -> None:
    async with backend.uow() as uow:
        session = await uow.session(key)
        assert session is not None
        session.post_visitor_message(f"id-{key}-{text}", text, client_id, AT)
        await uow.commit()


async def test_commits_that_arrive_together_share_transactions(sql: Backend) -> None:
    assert sql.db is not None
    keys = [f"s{n}" for n in range(40)]
    await asyncio.gather(*(start(sql, key) for key in keys))
    batches, requests = sql.db.committer.batches, sql.db.committer.requests
    await asyncio.gather(*(post(sql, key, "hello") for key in keys))
    assert sql.db.committer.requests - requests == 40
    assert sql.db.committer.batches - batches < 40
    for key in keys:
        view = await sql.read_models.session(key)
        assert view is not None and [m.text for m in view.messages] == ["hello"]
    log = await sql.tail(0)
    assert len(log) == 80
    for key in keys:  # each stream's events lie in the log in the order of their versions
        versions = [r.version for r in log if r.stream_id == stream_id_for(key)]
        assert versions == [1, 2]


async def test_one_commit_of_several_events_keeps_their_order_in_the_log(sql: Backend) -> None:
    async def escalate(key: str) -> None:  # two events: escalated, then the notice
        async with sql.uow() as uow:
            session = await uow.session(key)
            assert session is not None
            session.escalate("visitor_request", f"n-{key}", "a person will join", AT)
            await uow.commit()

    keys = [f"e{n}" for n in range(30)]
    await asyncio.gather(*(start(sql, key) for key in keys))
    await asyncio.gather(*(escalate(key) for key in keys))
    log = await sql.tail(0)
    for key in keys:
        assert [(r.version, type(r.event).__name__) for r in log
                if r.stream_id == stream_id_for(key)] == \
            [(1, "SessionStarted"), (2, "SessionEscalated"), (3, "SystemMessagePosted")]


async def test_two_commits_on_one_version_in_one_batch_have_one_winner(sql: Backend) -> None:
    await start(sql, "hot")
    sessions = []
    for _ in range(2):  # two units of work decide on the same version
        async with sql.uow() as uow:
            session = await uow.session("hot")
            assert session is not None
            sessions.append(session)

    async def commit(n: int) -> str:
        uow = sql.uow()
        async with uow:
            sessions[n].post_visitor_message(f"m{n}", f"text {n}", None, AT)
            uow.add(sessions[n])
            await uow.commit()
        return f"text {n}"

    outcomes = await asyncio.gather(commit(0), commit(1), return_exceptions=True)
    assert sorted(type(o).__name__ for o in outcomes) == ["ConcurrencyError", "str"]
    view = await sql.read_models.session("hot")
    assert view is not None and [m.text for m in view.messages] == \
        [o for o in outcomes if isinstance(o, str)]


async def test_a_taken_client_id_fails_only_its_own_commit(sql: Backend) -> None:
    """The store's unique client_id fails a whole batch; each commit is then retried alone,
    so the others in the batch are stored and only the duplicate is refused."""
    keys = [f"c{n}" for n in range(10)]
    await asyncio.gather(*(start(sql, key) for key in keys))

    async def duplicate() -> None:
        async with sql.uow() as uow:
            session = await uow.session("c0")
            assert session is not None
            for seq in (1, 2):  # bypass the aggregate's own check on purpose
                session._record(VisitorMessagePosted(f"dup{seq}", seq, "dup", "same", AT))
            await uow.commit()

    outcomes = await asyncio.gather(duplicate(), *(post(sql, key, "fine") for key in keys[1:]),
                                    return_exceptions=True)
    assert isinstance(outcomes[0], ConcurrencyError)
    assert outcomes[1:] == [None] * 9
    for key in keys[1:]:
        view = await sql.read_models.session(key)
        assert view is not None and [m.text for m in view.messages] == ["fine"]
    c0 = await sql.read_models.session("c0")
    assert c0 is not None and c0.messages == []


@pytest.fixture(params=SQL_BACKENDS)
async def two_processes(request: pytest.FixtureRequest
                        ) -> AsyncIterator[tuple[Database, Database]]:
    """Two Database objects on one database: two instances, each with its kept aggregates."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite"
                                  else "clean_postgres_url")
    first, second = Database(url), Database(url)
    try:
        yield first, second
    finally:
        await first.dispose()
        await second.dispose()


def services(db: Database) -> Services:
    publisher = InProcessPubSub()

    def uow() -> AbstractUnitOfWork:
        return SqlUnitOfWork(db, publisher)

    from adapters.faq_matcher import IndexedFAQMatcher
    from adapters.sql.read_models import SqlReadModels
    read_models = SqlReadModels(db)
    return Services(uow=uow, read_models=read_models,
                    matcher=IndexedFAQMatcher(read_models), responder=ScriptedResponder(),
                    clock=FixedClock(), ids=CountingIds())


async def test_an_append_decided_on_an_old_kept_aggregate_is_retried(
        two_processes: tuple[Database, Database]) -> None:
    a, b = services(two_processes[0]), services(two_processes[1])

    async def visitor_says(svc: Services, text: str) -> None:
        async def work(uow: AbstractUnitOfWork) -> None:
            session = await uow.session("k")
            assert session is not None
            session.post_visitor_message(f"id-{text}", text, None, AT)
        await svc.in_transaction(work)

    async def begin(uow: AbstractUnitOfWork) -> None:
        uow.add(ChatSession.start("k", AT))

    await a.in_transaction(begin)
    await visitor_says(a, "one")  # instance a keeps the session at version 2
    await visitor_says(b, "two")  # instance b appends version 3
    await visitor_says(a, "three")  # a's kept copy is behind: refused, reloaded, retried
    view = await a.read_models.session("k")
    assert view is not None and [(m.seq, m.text) for m in view.messages] == \
        [(1, "one"), (2, "two"), (3, "three")]


async def test_a_refusal_decided_on_an_old_kept_aggregate_is_retaken(
        two_processes: tuple[Database, Database]) -> None:
    """Instance a kept the session before the agent joined through instance b; the agent's
    message through a must not be refused as 'not joined'."""
    a, b = services(two_processes[0]), services(two_processes[1])

    async def begin(uow: AbstractUnitOfWork) -> None:
        session = ChatSession.start("k", AT)
        session.escalate("visitor_request", "n1", "queued", AT)
        uow.add(session)

    async def join(uow: AbstractUnitOfWork) -> None:
        session = await uow.session("k")
        assert session is not None
        session.join("sara", "n2", "sara joined", AT)

    await a.in_transaction(begin)  # kept by a, without an agent
    await b.in_transaction(join)
    message = await post_agent_message(PostAgentMessage("k", "sara", "Hello!", "c1"), a)
    assert message.text == "Hello!"
    with pytest.raises(NotAssignedAgent):  # and a real refusal is still a refusal
        await post_agent_message(PostAgentMessage("k", "omid", "Hi", "c2"), a)
    async with two_processes[1].read_unbounded() as conn:
        stream = await two_processes[1].event_store(conn).read_stream(stream_id_for("k"))
    assert [type(r.event).__name__ for r in stream][-1] == "AgentMessagePosted"


async def test_units_of_work_of_one_process_take_turns_on_the_queue(
        two_processes: tuple[Database, Database]) -> None:
    """Twenty escalations at once all reach the queue on their first attempt: racing on the
    one queue stream would make all but one of each group retry."""
    svc = replace(services(two_processes[0]), max_attempts=1)

    async def enqueue(key: str) -> None:
        async def work(uow: AbstractUnitOfWork) -> None:
            (await uow.queue()).enqueue(key, "visitor_request", AT)
        await svc.in_transaction(work)

    await asyncio.gather(*(enqueue(f"q{n}") for n in range(20)))
    assert sorted(entry.session_key for entry in await svc.read_models.queue()) == \
        sorted(f"q{n}" for n in range(20))


async def test_a_request_the_database_refuses_fails_alone(sql: Backend) -> None:
    """One request's data that the database cannot store (PostgreSQL refuses NUL in text;
    the domain refuses it too, so it is forced in here) must not fail the requests batched
    with it: they are retried without it and stored."""
    assert sql.db is not None
    keys = [f"n{n}" for n in range(6)]
    await asyncio.gather(*(start(sql, key) for key in keys))

    def message(key: str, text: str) -> Append:
        event = VisitorMessagePosted(message_id=f"m-{key}", seq=1, text=text,
                                     client_id=None, at=AT)
        return Append(stream_id_for(key), 1, (event,))

    texts = {key: f"hello from {key}" for key in keys}
    texts["n3"] = "x\u0000y"
    outcomes = await asyncio.gather(
        *(sql.db.committer.write([message(key, texts[key])], {}) for key in keys),
        return_exceptions=True)
    stored = [key for key, outcome in zip(keys, outcomes, strict=True)
              if not isinstance(outcome, BaseException)]
    innocent = [key for key in keys if key != "n3"]
    # SQLite keeps the NUL; PostgreSQL refuses it, and only that request fails.
    assert stored == (keys if sql.name == "sqlite" else innocent)
    for key in innocent:
        view = await sql.read_models.session(key)
        assert view is not None and [m.text for m in view.messages] == [texts[key]]


async def test_the_backends_own_version_check_finds_what_the_check_in_order_finds(
        sql: Backend) -> None:
    """PostgreSQL checks the versions inside its INSERT; whatever the stored versions, each
    request's outcome is the one version_conflict in order gives (SqlEventStore's check)."""
    assert sql.db is not None
    await sql.write([Append("a", 0, (SessionStarted("a", AT),))], {})

    def event(n: int) -> SessionStarted:
        return SessionStarted(f"e{n}", AT)

    batches = [
        # all hold: one statement stores them
        [([Append("b", 0, (event(1), event(2)))], {"n": 1}),
         ([Append("a", 1, (event(3),)), Append("c", 0, (event(4),))], {"n": 2}),
         ([Append("b", 2, (event(5),))], {"n": 3})],
        # "a" moved before the batch: its first request conflicts, the later one holds
        [([Append("a", 0, (event(1),))], {}), ([Append("b", 0, (event(2),))], {}),
         ([Append("a", 1, (event(3),))], {}), ([Append("b", 1, (event(4),))], {})],
        # requests conflicting among themselves
        [([Append("d", 0, (event(1),))], {}), ([Append("d", 0, (event(2),))], {})],
        # every request stale
        [([Append("a", 5, (event(1),))], {}), ([Append("z", 3, (event(2),))], {})],
    ]
    held = [[True, True, True], [False, True, True, True], [True, False], [False, False]]
    for requests, expected in zip(batches, held, strict=True):
        outcomes = []
        for check in (SqlEventStore.append_checked, None):
            async with sql.db.connect() as conn, conn.begin() as writing:
                store = sql.db.event_store(conn)
                conflicts, recorded = await (check(store, requests) if check is not None
                                             else store.append_checked(requests))
                outcomes.append(([str(c) if c else None for c in conflicts],
                                 [(r.stream_id, r.version, r.event, r.metadata)
                                  for r in recorded]))
                positions = [r.position for r in recorded]
                assert positions == sorted(positions)
                assert [(r.stream_id, r.version) for r in await store.read_all(1)] == \
                    [(r.stream_id, r.version) for r in recorded]
                await writing.rollback()
        assert outcomes[0] == outcomes[1]
        assert [conflict is None for conflict in outcomes[1][0]] == expected
