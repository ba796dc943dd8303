"""The event store contract, the same for the in-memory, SQLite and PostgreSQL stores, through
each store's one append path (the group committer on SQL), as the units of work commit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from application.ports import Append, ConcurrencyError, RecordedEvent
from domain.base import DomainEvent
from domain.chat_session import ChatSession
from domain.session_events import SessionClosed, SessionEscalated
from tests.integration.stores.backends import Backend
from tests.integration.stores.support import TEHRAN, every_event_type

AT = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)


def escalated(n: int) -> SessionEscalated:
    return SessionEscalated(reason=f"reason-{n}", at=AT + timedelta(seconds=n))


async def append(backend: Backend, stream_id: str, expected: int,
                 events: list[DomainEvent]) -> list[RecordedEvent]:
    return await backend.write([Append(stream_id, expected, tuple(events))], {"by": "test"})


async def read_stream(backend: Backend, stream_id: str) -> list[RecordedEvent]:
    async with backend.uow() as uow:
        return await uow.events.read_stream(stream_id)


async def read_everything(backend: Backend) -> list[RecordedEvent]:
    everything: list[RecordedEvent] = []
    while batch := await backend.tail(everything[-1].position if everything else 0):
        everything += batch
    return everything


async def test_append_then_read_the_stream_back(backend: Backend) -> None:
    first = await append(backend, "s-a", 0, [escalated(1), escalated(2)])
    await append(backend, "s-b", 0, [escalated(3)])
    third = await append(backend, "s-a", 2, [escalated(4)])

    stream = await read_stream(backend, "s-a")
    assert [r.event for r in stream] == [escalated(1), escalated(2), escalated(4)]
    assert [r.version for r in stream] == [1, 2, 3]
    assert stream == first + third
    assert all(r.metadata == {"by": "test"} and r.stream_id == "s-a" for r in stream)
    assert all(r.recorded_at.utcoffset() == timedelta(0) for r in stream)
    assert await read_stream(backend, "nobody") == []


async def test_read_all_in_position_order_after_a_position(backend: Backend) -> None:
    for n in range(1, 6):
        await append(backend, f"s-{n % 2}", (n - 1) // 2, [escalated(n)])
    everything = await read_everything(backend)
    positions = [r.position for r in everything]
    assert [r.event for r in everything] == [escalated(n) for n in range(1, 6)]
    assert positions == sorted(positions) and len(set(positions)) == 5

    async with backend.uow() as uow:
        assert await uow.events.read_all(positions[1], limit=2) == everything[2:4]
        assert await uow.events.read_all(positions[-1]) == []


async def test_every_event_type_is_stored_and_read_back_equal(backend: Backend) -> None:
    events = every_event_type()
    await append(backend, "all-types", 0, events)
    assert [r.event for r in await read_stream(backend, "all-types")] == events


async def test_stale_expected_version_is_refused_and_stores_nothing(backend: Backend) -> None:
    await append(backend, "s", 0, [escalated(1)])
    with pytest.raises(ConcurrencyError):
        await append(backend, "s", 0, [escalated(2), escalated(3)])
    with pytest.raises(ConcurrencyError):
        await append(backend, "s", 5, [escalated(4)])
    assert [r.event for r in await read_stream(backend, "s")] == [escalated(1)]
    assert len(await read_everything(backend)) == 1


async def test_a_failing_second_aggregate_leaves_no_trace(backend: Backend) -> None:
    await append(backend, "session-taken", 0, [escalated(1)])
    with pytest.raises(ConcurrencyError):
        async with backend.uow() as uow:
            uow.add(ChatSession.start("fresh", AT))
            stale = ChatSession.start("taken", AT)  # believes the stream is still empty
            uow.add(stale)
            await uow.commit()
    assert await read_stream(backend, "session-fresh") == []
    assert await backend.read_models.session("fresh") is None
    assert len(await read_everything(backend)) == 1


async def test_two_writers_at_the_same_version_exactly_one_wins(backend: Backend) -> None:
    outcomes = await asyncio.gather(
        *(append(backend, "contested", 0, [escalated(n)]) for n in (1, 2)),
        return_exceptions=True)
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], ConcurrencyError)
    stream = await read_stream(backend, "contested")
    assert len(stream) == 1 and stream[0].event in (escalated(1), escalated(2))


async def test_a_tailing_reader_sees_every_event_in_commit_order(backend: Backend) -> None:
    writers, rounds = 12, 3
    done = asyncio.Event()
    seen: list[int] = []

    async def write(n: int) -> None:
        for round_ in range(rounds):
            await append(backend, f"w-{n}", round_ * 2,
                         [escalated(n * 100 + round_), SessionClosed("x", AT)])

    async def tail() -> None:
        while True:
            finished = done.is_set()
            seen.extend(r.position for r in await backend.tail(seen[-1] if seen else 0))
            if finished:
                return
            await asyncio.sleep(0)

    reader = asyncio.create_task(tail())
    await asyncio.gather(*(write(n) for n in range(writers)))
    done.set()
    await reader

    everything = [r.position for r in await read_everything(backend)]
    assert len(everything) == writers * rounds * 2
    assert all(a < b for a, b in zip(everything, everything[1:], strict=False))
    assert seen == everything


async def test_recorded_times_are_utc_whatever_the_event_says(backend: Backend) -> None:
    local = SessionEscalated(reason="r", at=datetime(2025, 5, 1, 13, 30, tzinfo=TEHRAN))
    [recorded] = await append(backend, "tz", 0, [local])
    [stored] = await read_stream(backend, "tz")
    assert stored.event == local and stored.recorded_at == recorded.recorded_at


async def test_one_write_of_several_streams_is_all_or_nothing(backend: Backend) -> None:
    await append(backend, "s-taken", 0, [escalated(1)])
    with pytest.raises(ConcurrencyError):
        await backend.write([Append("s-fresh", 0, (escalated(2),)),
                             Append("s-taken", 0, (escalated(3),))], {})
    assert await read_stream(backend, "s-fresh") == []
    assert [r.event for r in await read_everything(backend)] == [escalated(1)]


async def test_writes_that_arrive_together_each_get_their_own_outcome(backend: Backend) -> None:
    """On SQL they share group commits; a stale write among them fails alone."""
    await append(backend, "s-taken", 0, [escalated(0)])
    writes = [append(backend, f"s-{n}", 0, [escalated(n), escalated(n + 100)])
              for n in range(1, 21)]
    outcomes = await asyncio.gather(append(backend, "s-taken", 0, [escalated(99)]), *writes,
                                    return_exceptions=True)
    assert isinstance(outcomes[0], ConcurrencyError)
    for n, recorded in enumerate(outcomes[1:], start=1):
        assert not isinstance(recorded, BaseException)
        assert [(r.stream_id, r.version, r.event) for r in recorded] == [
            (f"s-{n}", 1, escalated(n)), (f"s-{n}", 2, escalated(n + 100))]
        assert await read_stream(backend, f"s-{n}") == recorded
    assert len(await read_everything(backend)) == 41
