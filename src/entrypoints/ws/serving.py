"""What every socket loop shares: frames in until the client leaves, errors as frames."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Protocol

import structlog
from fastapi import WebSocket, WebSocketDisconnect

from entrypoints.errors import INTERNAL, ApiError, api_error_for

SERVER_ERROR = 1011
TRY_AGAIN_LATER = 1013

log = structlog.get_logger("pasokh.ws")


class FrameSocket(Protocol):
    """What a socket loop needs of Starlette's WebSocket."""

    async def send_json(self, data: Any, mode: str = "text") -> None: ...

    async def receive(self) -> Mapping[str, Any]: ...


class SlowConsumer(Exception):
    """The client does not read its frames fast enough; its socket is being closed."""


def reported(error: Exception) -> ApiError:
    """The contract's error for a failure; a bug is logged in full and reported as internal."""
    known = api_error_for(error)
    if known is None:
        log.error("socket frame failed", exc_info=error)
        return INTERNAL
    return known


async def read_frames(websocket: FrameSocket, handle: Callable[[str], Awaitable[None]],
                      report: Callable[[Exception], Awaitable[None]]) -> None:
    """Handle text frames until the client goes away; a bad frame is reported, never fatal."""
    while True:
        received = await websocket.receive()
        if received["type"] == "websocket.disconnect":
            return
        try:
            text = received.get("text")
            if text is None:
                raise ApiError(422, "invalid", "frames must be JSON text")
            await handle(text)
        except SlowConsumer:
            raise
        except Exception as error:  # reported to the client; bugs are logged in full
            await report(error)


async def serve(websocket: WebSocket, reader: Coroutine[Any, Any, None],
                pump: Coroutine[Any, Any, None], name: str,
                writer: Coroutine[Any, Any, None] | None = None) -> None:
    """Run the reader (client frames), the pump (live notifications) and the writer (an
    Outbox's frames to the network, when sends are queued) until one ends."""
    tasks = {asyncio.create_task(reader), asyncio.create_task(pump)}
    if writer is not None:
        tasks.add(asyncio.create_task(writer))
    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        task.cancel()
    # wait(), not gather(): a cancellation of this handler must surface as itself, not as
    # the CancelledError of a child we cancelled.
    await asyncio.wait(tasks)
    outcomes = [task.exception() for task in tasks if not task.cancelled()]
    failure = next((o for o in outcomes if isinstance(o, Exception) and not _gone(o)), None)
    if isinstance(failure, SlowConsumer):
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await websocket.close(TRY_AGAIN_LATER, "too slow to read")
    elif failure is not None:
        log.error(f"{name} socket failed", exc_info=failure)
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await websocket.close(SERVER_ERROR)
    log.info(f"{name} socket closed")


def _gone(error: Exception) -> bool:
    """The client went away while we were sending: nothing to report."""
    return isinstance(error, WebSocketDisconnect | OSError)
