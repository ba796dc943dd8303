"""A bounded queue of frames between a socket's producers and the network.

Producers (the reader's echoes, the pump's notifications) only enqueue; one writer task
sends. A client that stops reading blocks the writer, the queue fills, and the next frame
finds it full: the socket is then closed with 1013 rather than buffering without bound
(ADR 0017). Memory per socket is at most `limit` frames plus the transport's write buffer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import structlog

from entrypoints.ws.serving import FrameSocket, SlowConsumer

DEFAULT_SEND_BUFFER = 256

log = structlog.get_logger("pasokh.ws")


class Outbox:
    """A FrameSocket whose sends are queued, at most `limit` at a time."""

    def __init__(self, websocket: FrameSocket, limit: int = DEFAULT_SEND_BUFFER) -> None:
        self._websocket = websocket
        self._frames: asyncio.Queue[Any] = asyncio.Queue(maxsize=limit)
        self.overflowed = False

    async def send_json(self, data: Any, mode: str = "text") -> None:
        if self.overflowed:
            raise SlowConsumer("the socket is closing")
        try:
            self._frames.put_nowait(data)
        except asyncio.QueueFull:
            self.overflowed = True
            log.warning("slow consumer disconnected", buffered=self._frames.qsize())
            raise SlowConsumer(f"{self._frames.maxsize} frames unsent") from None

    async def receive(self) -> Mapping[str, Any]:
        return await self._websocket.receive()

    @property
    def pending(self) -> int:
        return self._frames.qsize()

    async def write(self) -> None:
        """Send the queued frames in order, for as long as the socket lives."""
        while True:
            frame = await self._frames.get()
            await self._websocket.send_json(frame)
