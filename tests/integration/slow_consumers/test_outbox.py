"""The Outbox on its own: frames leave in order; a full queue refuses, then keeps refusing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

import pytest

from entrypoints.ws.outbox import Outbox
from entrypoints.ws.serving import SlowConsumer


class StuckSocket:
    def __init__(self) -> None:
        self.sent: list[Any] = []
        self.flowing = asyncio.Event()

    async def send_text(self, data: str) -> None:
        await self.flowing.wait()
        self.sent.append(json.loads(data))

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
    async def send_text(self, data: str) -> None:
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


FRAMES: list[Any] = [
    {"type": "message", "message": {"id": "m-1", "seq": 7, "sender": "bot",
                                    "text": "ساعت کاری کلینیک ۸ تا ۲۰ است 🙂",
                                    "source": "faq", "faq_id": None, "helpful": None,
                                    "created_at": "2026-12-04T03:19:12.123456Z",
                                    "suggestions": [{"faq_id": "f", "question": "؟"}],
                                    "citations": []}},
    {"type": "error", "code": "invalid", "message": "a \"quoted\" \\ tab\t nl\n ctl\x01 /",
     "retry_after": 1.5},
    {"type": "queue", "position": 3, "estimated_wait_seconds": 120, "offline": False,
     "opens_at": None},
    {"type": "text", "text": "\u2028\u2029 \ud7ff \U0001f600 \x7f é"},
]


@pytest.mark.parametrize("frame", FRAMES)
async def test_frames_leave_as_starlette_would_have_encoded_them(frame: Any) -> None:
    """The same text as Starlette's send_json (json.dumps, compact, ensure_ascii=False)."""
    socket = StuckSocket()
    socket.sent = []
    texts: list[str] = []

    async def keep(data: str) -> None:
        texts.append(data)

    socket.send_text = keep  # type: ignore[method-assign]
    outbox = Outbox(socket, limit=3)
    await outbox.send_json(frame)
    while outbox.writing:
        await asyncio.sleep(0)
    assert texts == [json.dumps(frame, separators=(",", ":"), ensure_ascii=False)]


async def test_a_frame_that_does_not_encode_fails_its_producer_not_the_writer() -> None:
    socket = StuckSocket()
    socket.flowing.set()
    outbox = Outbox(socket, limit=3)
    with pytest.raises(TypeError):
        await outbox.send_json({"n": object()})
    await outbox.send_json({"n": 1})
    while outbox.writing:
        await asyncio.sleep(0)
    assert socket.sent == [{"n": 1}]
