"""The Pump: a socket's live notifications delivered in order, with a task only while
items wait (ADR 0021)."""

from __future__ import annotations

import asyncio

import pytest
import structlog

from adapters.memory.pubsub import InProcessPubSub
from application.ports import Notification, Signal
from entrypoints.ws.serving import Pump


def signal(text: str) -> Signal:
    return Signal("session-a", "draft", "bot", text=text)


async def test_items_are_delivered_in_order_and_an_idle_pump_keeps_no_task() -> None:
    hub = InProcessPubSub()
    subscription = await hub.subscribe("session-a")
    await hub.signal(signal("before the pump"))  # waits in the inbox until the pump starts
    delivered: list[str] = []

    async def deliver(item: Notification) -> None:
        assert isinstance(item, Signal)
        await asyncio.sleep(0.01)  # a slow delivery: later items wait their turn
        delivered.append(item.text)

    pump = Pump(subscription, deliver)
    for text in ("one", "two"):
        await hub.signal(signal(text))
    await asyncio.sleep(0.1)
    assert delivered == ["before the pump", "one", "two"]
    assert pump._task is None and not pump.ended.done()

    await hub.signal(signal("three"))  # a later item starts a task again
    assert pump._task is not None
    await asyncio.sleep(0.05)
    assert delivered[-1] == "three" and pump._task is None
    await pump.stop()


async def test_a_pump_on_a_quiet_subscription_starts_no_task() -> None:
    hub = InProcessPubSub()
    subscription = await hub.subscribe("session-a")
    delivered: list[Notification] = []

    async def deliver(item: Notification) -> None:
        delivered.append(item)

    pump = Pump(subscription, deliver)
    assert pump._task is None  # a socket opening with nothing to deliver: no task at all
    await hub.signal(signal("first"))
    assert pump._task is not None
    await asyncio.sleep(0.01)
    assert len(delivered) == 1 and pump._task is None
    await pump.stop()


async def test_a_closed_subscription_ends_the_pump() -> None:
    hub = InProcessPubSub()
    subscription = await hub.subscribe("session-a")

    async def deliver(item: Notification) -> None:
        pass

    pump = Pump(subscription, deliver)
    await subscription.close()
    await asyncio.wait_for(pump.ended, 1)
    assert pump.ended.result() is None


async def test_a_failed_delivery_ends_the_pump_with_its_error_and_delivers_no_more() -> None:
    hub = InProcessPubSub()
    subscription = await hub.subscribe("session-a")
    delivered: list[str] = []

    async def deliver(item: Notification) -> None:
        assert isinstance(item, Signal)
        if item.text == "bad":
            raise RuntimeError("cannot deliver")
        delivered.append(item.text)

    pump = Pump(subscription, deliver)
    for text in ("good", "bad", "after"):
        await hub.signal(signal(text))
    with pytest.raises(RuntimeError, match="cannot deliver"):
        await asyncio.wait_for(pump.ended, 1)
    await hub.signal(signal("later"))
    await asyncio.sleep(0.01)
    assert delivered == ["good"]


async def test_stop_cancels_a_delivery_under_way_and_waits_for_it() -> None:
    hub = InProcessPubSub()
    subscription = await hub.subscribe("session-a")
    started, cleaned = asyncio.Event(), asyncio.Event()

    async def deliver(item: Notification) -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        finally:
            cleaned.set()

    pump = Pump(subscription, deliver)
    await hub.signal(signal("stuck"))
    await started.wait()
    await pump.stop()
    assert cleaned.is_set() and pump.ended.cancelled() and pump._task is None
    await hub.signal(signal("after the stop"))
    assert pump._task is None


async def test_deliveries_run_in_the_sockets_log_context_not_the_publishers() -> None:
    hub = InProcessPubSub()
    seen: list[object] = []

    async def deliver(item: Notification) -> None:
        seen.append(structlog.contextvars.get_contextvars().get("socket"))

    async def socket() -> Pump:
        structlog.contextvars.bind_contextvars(socket="visitor-a")
        return Pump(await hub.subscribe("session-a"), deliver)

    pump = await asyncio.create_task(socket())
    structlog.contextvars.bind_contextvars(socket="publisher")
    try:
        await hub.signal(signal("hello"))
        await asyncio.sleep(0.01)
    finally:
        structlog.contextvars.unbind_contextvars("socket")
    assert seen == ["visitor-a"]
    await pump.stop()
