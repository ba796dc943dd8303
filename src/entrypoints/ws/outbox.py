"""A bounded queue of frames between a socket's producers and the network.

Producers (the reader's echoes, the pump's notifications) only enqueue; a writer task
sends. A client that stops reading blocks the writer, the queue fills, and the next frame
finds it full: the socket is then closed with 1013 rather than buffering without bound
(ADR 0017). Memory per socket is at most `limit` frames plus the transport's write buffer.

The queue and the writer exist only while frames wait (ADR 0021): an idle socket keeps
neither, only this small object.

A frame is encoded with orjson as it is queued (ADR 0026): once, by the producer that can be
told it does not encode, and the queue holds the text the socket will send, not a dict a
caller could still change. The text is what Starlette's send_json would have sent (compact,
non-ASCII as UTF-8), without the standard library's encoder.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Mapping
from typing import Any

import orjson
import structlog

from entrypoints.ws.serving import SlowConsumer, TextSocket, client_gone

DEFAULT_SEND_BUFFER = 256

log = structlog.get_logger("pasokh.ws")


class Outbox:
    """A FrameSocket whose sends are queued, at most `limit` at a time."""

    __slots__ = ("_websocket", "_limit", "_frames", "_writer", "_broken", "overflowed")

    def __init__(self, websocket: TextSocket, limit: int = DEFAULT_SEND_BUFFER) -> None:
        self._websocket = websocket
        self._limit = limit
        self._frames: deque[str] | None = None  # encoded frames not yet handed to the socket
        self._writer: asyncio.Task[None] | None = None
        self._broken: Exception | None = None  # why the socket took no more frames
        self.overflowed = False

    async def send_json(self, data: Any, mode: str = "text") -> None:
        await self.send_text(encode_frame(data))

    async def send_text(self, text: str) -> None:
        """Queue a frame already encoded (encode_frame), such as one encoded once for many
        sockets."""
        if self.overflowed:
            raise SlowConsumer("the socket is closing")
        if self._broken is not None:
            raise self._broken
        frames = self._frames
        if frames is None:
            frames = self._frames = deque()
        elif len(frames) >= self._limit:
            self.overflowed = True
            log.warning("slow consumer disconnected", buffered=len(frames))
            raise SlowConsumer(f"{self._limit} frames unsent")
        frames.append(text)
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write(frames))

    async def receive(self) -> Mapping[str, Any]:
        return await self._websocket.receive()

    @property
    def pending(self) -> int:
        """Frames queued, not counting the one the writer is sending."""
        return len(self._frames) if self._frames is not None else 0

    @property
    def writing(self) -> bool:
        return self._writer is not None

    def stop(self) -> None:
        """The socket is done: drop what is queued and stop sending."""
        if self._writer is not None:
            self._writer.cancel()
        self._frames = None

    async def _write(self, frames: deque[str]) -> None:
        """Send the queued frames in order, then go away until the next one."""
        try:
            while frames:
                await self._websocket.send_text(frames.popleft())
        except Exception as error:  # the next frame's producer hears it and ends the socket
            if not client_gone(error):
                log.error("socket frame send failed", exc_info=error)
            self._broken = error
        finally:
            self._writer = None
            if self._frames is frames and not frames:
                self._frames = None


def encode_frame(data: Any) -> str:
    """A frame's JSON text as Starlette's send_json writes it (compact separators, non-ASCII
    as UTF-8, keys in their order), by orjson."""
    return orjson.dumps(data).decode()
