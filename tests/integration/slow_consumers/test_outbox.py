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
    writer = asyncio.create_task(outbox.write())
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
    writer.cancel()
    assert socket.sent == [{"n": n} for n in range(4)]
