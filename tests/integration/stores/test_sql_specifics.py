"""What only the SQL stores promise: unique client ids in the store itself, readiness, UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from adapters.sql.database import Database
from application.ports import ConcurrencyError
from domain.chat_session import ChatSession
from domain.session_events import SessionStarted, VisitorMessagePosted
from tests.integration.stores.backends import Backend
from tests.integration.stores.support import TEHRAN

AT = datetime(2025, 6, 1, 8, tzinfo=UTC)


async def test_a_client_id_is_unique_per_session_in_the_store(sql: Backend) -> None:
    """Even if the aggregate let a duplicate through, the store refuses it, atomically."""
    with pytest.raises(ConcurrencyError):
        async with sql.uow() as uow:
            session = ChatSession.start("dup", AT)
            for seq in (1, 2):  # bypass the aggregate's own check on purpose
                session._record(VisitorMessagePosted(f"m{seq}", seq, "hi", "same", AT))
            uow.add(session)
            await uow.commit()
    assert await sql.read_models.session("dup") is None
    assert await sql.tail(0) == []


AWKWARD = ('quotes " and \' and \\ backslashes \\n, {"json": [1]}', "tab\tand\nnewline",
           "فارسی با نیم\u200cفاصله و «گیومه»؟", "emoji 🙂 and 𝒳", "%s %(name)s ::jsonb $1")


async def test_any_text_comes_back_exactly_from_the_events_and_the_read_models(
        sql: Backend) -> None:
    """Every batch is sent as one JSON document on PostgreSQL: nothing in a text may be
    read as JSON, SQL or a parameter placeholder on the way."""
    async with sql.uow() as uow:
        session = ChatSession.start("awkward", AT)
        for number, text in enumerate(AWKWARD):
            session.post_visitor_message(f"m{number}", text, f"c{number}", AT)
        uow.add(session)
        await uow.commit()
    view = await sql.read_models.session("awkward")
    assert view is not None
    assert [m.text for m in view.messages] == list(AWKWARD)
    assert [m.client_id for m in view.messages] == [f"c{n}" for n in range(len(AWKWARD))]
    stored = [r.event for r in await sql.tail(0) if isinstance(r.event, VisitorMessagePosted)]
    assert [event.text for event in stored] == list(AWKWARD)
    async with sql.uow() as uow:  # an update of the session's row, in its own batch
        session = await uow.session("awkward")
        assert session is not None
        session.escalate(AWKWARD[0], "notice", AWKWARD[1], AT)
        session.join(AWKWARD[4], "joined", AWKWARD[2], AT)
        uow.add(session)
        await uow.commit()
    view = await sql.read_models.session("awkward")
    assert view is not None and view.escalation_reason == AWKWARD[0]
    assert view.agent == AWKWARD[4]
    assert [c.last_message for c in await sql.read_models.active_chats()] == [AWKWARD[2]]


async def test_times_come_back_as_utc(sql: Backend) -> None:
    async with sql.uow() as uow:
        uow.add(ChatSession.start("tz", datetime(2025, 6, 1, 11, 30, tzinfo=TEHRAN)))
        await uow.commit()
    view = await sql.read_models.session("tz")
    assert view is not None
    assert view.started_at == AT and view.started_at.utcoffset() == timedelta(0)


async def test_naive_times_are_refused(sql: Backend) -> None:
    with pytest.raises(StatementError, match="naive"):
        async with sql.uow() as uow:
            uow.add(ChatSession.start("naive", datetime(2025, 6, 1, 8)))
            await uow.commit()


async def test_ping(sql: Backend) -> None:
    assert sql.db is not None and await sql.db.ping()


async def test_ping_an_unreachable_server() -> None:
    db = Database("postgresql://nobody@127.0.0.1:1/nothing")
    try:
        assert await db.ping() is False
    finally:
        await db.dispose()


async def test_readers_neither_wait_for_nor_see_an_open_writer(sql: Backend) -> None:
    """On SQLite a reader that took the write lock would wait out busy_timeout and fail."""
    async with sql.uow() as uow:
        uow.add(ChatSession.start("committed", AT))
        await uow.commit()
    assert sql.db is not None
    async with sql.db.connect() as conn, conn.begin() as writing:  # as a group commit writes
        store = sql.db.event_store(conn)
        await store.lock_for_append()
        await store.insert_batch([("session-open", 1, SessionStarted("open", AT), {})])
        assert [r.stream_id for r in await sql.tail(0)] == ["session-committed"]
        assert await sql.read_models.session("committed") is not None
        assert await sql.read_models.faqs() == []
        await writing.rollback()
    assert [r.stream_id for r in await sql.tail(0)] == ["session-committed"]  # rolled back
