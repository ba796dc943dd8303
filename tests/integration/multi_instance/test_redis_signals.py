"""RedisPubSub between two instances: signals, several streams per reader, no missed
doorbell right after subscribing, and a catch-up call to every reader after an outage."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from adapters.memory.pubsub import InProcessSubscription
from adapters.redis_pubsub import RedisPubSub
from application.ports import RESYNC, TYPING, Notification, RecordedEvent, Signal
from domain.queue import SessionEnqueued
from domain.session_events import VisitorMessagePosted

pytestmark = pytest.mark.redis
AT = datetime(2026, 1, 1, tzinfo=UTC)


def posted(stream: str, seq: int) -> RecordedEvent:
    event = VisitorMessagePosted(message_id=f"m{seq}", seq=seq, text="سلام", client_id=None,
                                 at=AT)
    return RecordedEvent(seq, stream, seq, event, AT)


@pytest.fixture
async def instances(redis_url: str) -> AsyncIterator[tuple[RedisPubSub, RedisPubSub]]:
    prefix = f"pasokh-test-{secrets.token_hex(4)}"  # channels ignore the database number
    first, second = RedisPubSub(redis_url, prefix), RedisPubSub(redis_url, prefix)
    await first.start()
    await second.start()
    for _ in range(100):
        if first.connected and second.connected:
            break
        await asyncio.sleep(0.05)
    yield first, second
    await first.stop()
    await second.stop()


async def next_item(subscription: InProcessSubscription, timeout: float = 3) -> Notification:
    item = await asyncio.wait_for(subscription.queue.get(), timeout)
    assert item is not None
    return item


async def test_a_reader_hears_the_other_instance_right_after_subscribing(instances) -> None:  # noqa: ANN001
    first, second = instances
    remote = await second.subscribe("session-a")
    await first.publish([posted("session-a", 1)])
    assert await next_item(remote) == posted("session-a", 1)


async def test_signals_cross_instances_in_order_with_events(instances) -> None:  # noqa: ANN001
    first, second = instances
    remote = await second.subscribe("session-a")
    typing = Signal("session-a", TYPING, "agent")
    await first.publish([posted("session-a", 1)])
    await first.signal(typing)
    await first.publish([posted("session-a", 2)])
    assert [await next_item(remote) for _ in range(3)] == [
        posted("session-a", 1), typing, posted("session-a", 2)]
    await asyncio.sleep(0.3)
    assert remote.queue.empty()


async def test_one_reader_hears_several_streams_and_each_item_once(instances) -> None:  # noqa: ANN001
    first, second = instances
    remote = await second.subscribe("session-a", "queue")
    everything = await second.subscribe("*")
    enqueued = RecordedEvent(9, "queue", 1, SessionEnqueued(session_key="a", reason="x", at=AT),
                             AT)
    await first.publish([posted("session-a", 1), enqueued, posted("session-b", 1)])
    assert [await next_item(remote) for _ in range(2)] == [posted("session-a", 1), enqueued]
    assert [await next_item(everything) for _ in range(3)] == [
        posted("session-a", 1), enqueued, posted("session-b", 1)]
    await asyncio.sleep(0.3)
    assert remote.queue.empty() and everything.queue.empty()


async def test_after_an_outage_every_reader_is_told_to_catch_up(
        instances, redis_url: str) -> None:  # noqa: ANN001
    first, second = instances
    reader = await second.subscribe("session-a")
    admin = aioredis.Redis.from_url(redis_url)
    try:
        clients = await admin.client_list()
        ours = [c["id"] for c in clients if c.get("name") == second.client_name]
        assert ours, "the instance's connections carry its name"
        for client_id in ours:
            await admin.client_kill_filter(_id=client_id)
    finally:
        await admin.aclose()
    assert await next_item(reader, timeout=10) == Signal("*", RESYNC, "server")
    for _ in range(100):  # subscribed again: live delivery resumes by itself
        if second.connected and not second._changed.is_set():
            break
        await asyncio.sleep(0.05)
    await first.publish([posted("session-a", 3)])
    assert await next_item(reader) == posted("session-a", 3)
