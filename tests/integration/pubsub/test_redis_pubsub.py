"""Two RedisPubSub instances on the real Redis behave like two server instances."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adapters.redis_messages import encode_signal, own_prefix
from adapters.redis_pubsub import RedisPubSub, decode, encode
from application.ports import RecordedEvent, Signal
from domain.session_events import VisitorMessagePosted

pytestmark = pytest.mark.redis
AT = datetime(2026, 1, 1, tzinfo=UTC)


def recorded(stream: str, seq: int) -> RecordedEvent:
    event = VisitorMessagePosted(message_id=f"m{seq}", seq=seq, text="سلام", client_id=None, at=AT)
    return RecordedEvent(seq, stream, seq, event, AT, {"request_id": "r1"})


@pytest.fixture
async def instances(redis_url: str) -> AsyncIterator[tuple[RedisPubSub, RedisPubSub]]:
    prefix = f"pasokh-test-{secrets.token_hex(4)}"  # other runs on this Redis stay out
    first, second = RedisPubSub(redis_url, prefix), RedisPubSub(redis_url, prefix)
    await first.start()
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()


async def next_event(subscription: object, timeout: float = 3) -> RecordedEvent:
    return await asyncio.wait_for(subscription.queue.get(), timeout)  # type: ignore[attr-defined]


async def until_subscribed(*hubs: RedisPubSub) -> None:
    for _ in range(100):
        if all(h.connected and not h._changed.is_set() for h in hubs):
            return
        await asyncio.sleep(0.05)


def test_encoding_round_trips() -> None:
    origin, back = decode(encode(recorded("session-a", 1), "me"))
    assert origin == "me" and back == recorded("session-a", 1)


def test_an_instance_knows_its_own_messages_by_their_first_bytes() -> None:
    """Skipped without decoding: an instance hears every message it publishes."""
    signal = Signal("chat-a", "typing", "user")
    for mine in (encode(recorded("session-a", 1), "me"), encode_signal(signal, "me")):
        assert mine.startswith(own_prefix("me"))
        assert not mine.startswith(own_prefix("m")) and not mine.startswith(own_prefix("me2"))


async def test_an_event_published_on_one_instance_reaches_the_other_once(instances) -> None:  # noqa: ANN001
    first, second = instances
    local = await first.subscribe("session-a")
    remote = await second.subscribe("session-a")
    everything = await second.subscribe("*")
    await until_subscribed(first, second)
    await first.publish([recorded("session-a", 1)])
    assert (await next_event(local)).event.seq == 1
    assert (await next_event(remote)) == recorded("session-a", 1)
    assert (await next_event(everything)).stream_id == "session-a"
    await asyncio.sleep(0.3)
    assert local.queue.empty() and remote.queue.empty()  # no echo back from Redis


async def test_other_streams_are_not_delivered(instances) -> None:  # noqa: ANN001
    first, second = instances
    remote = await second.subscribe("session-a")
    await until_subscribed(first, second)
    await first.publish([recorded("session-b", 1)])
    await first.publish([recorded("session-a", 2)])
    assert (await next_event(remote)).stream_id == "session-a"


async def test_local_delivery_works_without_redis() -> None:
    hub = RedisPubSub("redis://127.0.0.1:1/0")  # nothing listens there
    await hub.start()
    try:
        local = await hub.subscribe("session-a")
        await hub.publish([recorded("session-a", 1)])
        assert (await next_event(local)).event.seq == 1
    finally:
        await hub.stop()


async def test_a_burst_reaches_the_other_instance_complete_and_in_order(instances) -> None:  # noqa: ANN001
    """Publishes queued while Redis is busy go out together, in the order committed; the
    publishing instance's own readers get each one once (not again from Redis)."""
    first, second = instances
    local = await first.subscribe("session-burst")
    remote = await second.subscribe("session-burst")
    await until_subscribed(first, second)
    await asyncio.gather(*(first.publish([recorded("session-burst", n)]) for n in range(1, 301)))
    assert [(await next_event(remote)).event.seq for _ in range(300)] == list(range(1, 301))
    assert [(await next_event(local)).event.seq for _ in range(300)] == list(range(1, 301))
    await asyncio.sleep(0.3)
    assert remote.queue.empty() and local.queue.empty()  # type: ignore[attr-defined]


async def test_an_answers_pieces_reach_the_other_instance_in_order_for_that_conversation_only(
        instances) -> None:  # noqa: ANN001
    """Streamed answers (ADR 0035): each piece, with the message it answers, crosses to the
    other instance's readers of that conversation, in order; other conversations hear none."""
    first, second = instances
    mine = await second.subscribe("session-a")
    other = await second.subscribe("session-b")
    await until_subscribed(first, second)
    pieces = ["سلام، ", "ما هر ", "روز باز ", "هستیم."]
    for piece in pieces:
        await first.signal(Signal("session-a", "draft", "bot", reply_to=3, text=piece))
    heard = [await next_event(mine) for _ in pieces]
    assert heard == [Signal("session-a", "draft", "bot", 3, piece) for piece in pieces]
    await asyncio.sleep(0.3)
    assert other.queue.empty()  # type: ignore[attr-defined]
    # a typing signal stays as small as before: no draft fields
    assert b"reply_to" not in encode_signal(Signal("session-a", "typing", "user"), "me")
