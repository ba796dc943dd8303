"""Kept aggregates (a bounded set handed to one unit of work at a time) and the catalog
version watch (the matcher's view of the FAQ catalog version)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from adapters.catalog_watch import CatalogAwarePublisher, CatalogVersionWatch
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.sql.kept_aggregates import KeptAggregates
from application.ports import RecordedEvent
from domain.chat_session import ChatSession
from domain.faq.catalog import CATALOG_STREAM, FAQDeactivated

AT = datetime(2026, 1, 1, tzinfo=UTC)


def committed(key: str) -> ChatSession:
    session = ChatSession.start(key, AT)
    session.mark_persisted()
    return session


def test_a_kept_aggregate_is_handed_out_once() -> None:
    kept = KeptAggregates()
    session = committed("a")
    kept.keep([session])
    assert kept.take(session.id) is session
    assert kept.take(session.id) is None  # the unit of work that took it owns it now


def test_uncommitted_or_empty_aggregates_are_not_kept() -> None:
    kept = KeptAggregates()
    pending = ChatSession.start("pending", AT)  # its start is not stored yet
    empty = ChatSession("session-empty")
    kept.keep([pending, empty])
    assert len(kept) == 0


def test_the_least_recently_kept_go_first_when_full() -> None:
    kept = KeptAggregates(capacity=2)
    a, b, c = committed("a"), committed("b"), committed("c")
    kept.keep([a, b])
    kept.keep([a])  # used again: now the most recent
    kept.keep([c])
    assert kept.take(b.id) is None
    assert kept.take(a.id) is a and kept.take(c.id) is c


class CountingReadModels(InMemoryReadModels):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0
        self.version = 3
        self.slow: asyncio.Event | None = None

    async def catalog_version(self) -> int:
        self.asked += 1
        if self.slow is not None:
            await self.slow.wait()
        return self.version


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_the_catalog_version_is_remembered_for_a_moment() -> None:
    read_models, clock = CountingReadModels(), Clock()
    watch = CatalogVersionWatch(read_models, recheck_seconds=1.0, clock=clock)
    assert [await watch.catalog_version() for _ in range(5)] == [3] * 5
    assert read_models.asked == 1
    read_models.version = 4  # changed by another instance
    clock.now += 1.0
    assert await watch.catalog_version() == 4
    assert read_models.asked == 2


async def test_a_catalog_commit_of_this_process_is_seen_at_once() -> None:
    read_models, clock = CountingReadModels(), Clock()
    watch = CatalogVersionWatch(read_models, recheck_seconds=60, clock=clock)
    publisher = CatalogAwarePublisher(InProcessPubSub(), watch)
    assert await watch.catalog_version() == 3
    read_models.version = 4
    await publisher.publish([RecordedEvent(9, "session-x", 2, FAQDeactivated("q", AT), AT)])
    assert await watch.catalog_version() == 3  # not a catalog event: nothing to refresh
    await publisher.publish([RecordedEvent(10, CATALOG_STREAM, 4, FAQDeactivated("q", AT), AT)])
    assert await watch.catalog_version() == 4


async def test_many_matches_at_once_ask_the_database_once() -> None:
    read_models, clock = CountingReadModels(), Clock()
    watch = CatalogVersionWatch(read_models, recheck_seconds=1.0, clock=clock)
    assert await watch.catalog_version() == 3
    clock.now += 2
    read_models.slow = asyncio.Event()
    waiting = [asyncio.create_task(watch.catalog_version()) for _ in range(50)]
    await asyncio.sleep(0)
    read_models.slow.set()
    assert set(await asyncio.gather(*waiting)) == {3}
    assert read_models.asked == 2  # one asked, the others used what was known


async def test_a_change_announced_while_asking_is_not_forgotten() -> None:
    read_models, clock = CountingReadModels(), Clock()
    watch = CatalogVersionWatch(read_models, recheck_seconds=60, clock=clock)
    read_models.slow = asyncio.Event()
    asking = asyncio.create_task(watch.catalog_version())
    await asyncio.sleep(0)
    watch.catalog_changed()  # committed here while the old version was being read
    read_models.slow.set()
    await asking
    read_models.slow = None
    read_models.version = 5
    assert await watch.catalog_version() == 5
