"""The Outbox on its own: frames leave in order; a full queue refuses, then keeps refusing."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from entrypoints.ws.outbox import Outbox
from entrypoints.ws.serving import SlowConsumer


class StuckSocket:
    def __init__(self) -> None:
        self.sent: list[Any] = []
        self.flowing = asyncio.Event()

    async def send_json(self, data: Any, mode: str = "text") -> None:
        await self.flowing.wait()
        self.sent.append(data)

    async def receive(self) -> Mapping[str, Any]:
        return {"type": "websocket.disconnect"}


async def test_frames_leave_in_order_and_a_full_queue_refuses() -> None:
    socket = StuckSocket()
    outbox = Outbox(socket, limit=3)
    for n in range(4):  # the writer holds the first while the socket is stuck
        await outbox.send_json({"n": n})
        await asyncio.sleep(0)
    with pytest.raises(SlowConsumer):
        await outbox.send_json({"n": 4})
    assert outbox.overflowed and outbox.pending == 3
    with pytest.raises(SlowConsumer):
        await outbox.send_json({"n": 5})
    socket.flowing.set()
    while outbox.pending:
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert socket.sent == [{"n": n} for n in range(4)]


async def test_an_idle_outbox_keeps_no_writer_and_no_queue() -> None:
    socket = StuckSocket()
    socket.flowing.set()
    outbox = Outbox(socket, limit=3)
    assert not outbox.writing and outbox.pending == 0
    for n in range(3):
        await outbox.send_json({"n": n})
    assert outbox.writing
    while outbox.writing:
        await asyncio.sleep(0)
    assert socket.sent == [{"n": n} for n in range(3)]
    assert outbox._frames is None  # nothing kept between bursts
    await outbox.send_json({"n": 3})  # a later burst starts a writer again
    while outbox.writing:
        await asyncio.sleep(0)
    assert socket.sent[-1] == {"n": 3}


class GoneSocket(StuckSocket):
    async def send_json(self, data: Any, mode: str = "text") -> None:
        raise OSError("connection reset")


async def test_a_failed_send_reaches_the_next_producer() -> None:
    outbox = Outbox(GoneSocket(), limit=3)
    await outbox.send_json({"n": 0})
    while outbox.writing:
        await asyncio.sleep(0)
    with pytest.raises(OSError):
        await outbox.send_json({"n": 1})


async def test_stop_ends_a_stuck_writer() -> None:
    outbox = Outbox(StuckSocket(), limit=3)
    await outbox.send_json({"n": 0})
    await asyncio.sleep(0)
    assert outbox.writing
    outbox.stop()
    for _ in range(3):
        await asyncio.sleep(0)
    assert not outbox.writing and outbox.pending == 0
