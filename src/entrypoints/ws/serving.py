"""What every socket loop shares: frames in until the client leaves, errors as frames."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Protocol, cast

import structlog
from fastapi import WebSocket, WebSocketDisconnect

from application.ports import Notification, Subscription
from entrypoints.errors import INTERNAL, ApiError, api_error_for

SERVER_ERROR = 1011
TRY_AGAIN_LATER = 1013

log = structlog.get_logger("pasokh.ws")


class FrameSocket(Protocol):
    """What a socket loop needs of Starlette's WebSocket."""

    async def send_json(self, data: Any, mode: str = "text") -> None: ...

    async def receive(self) -> Mapping[str, Any]: ...


class TextSocket(Protocol):
    """What the Outbox needs of Starlette's WebSocket: frames go out as encoded text."""

    async def send_text(self, data: str) -> None: ...

    async def receive(self) -> Mapping[str, Any]: ...


class Stoppable(Protocol):
    def stop(self) -> None: ...


class Pump:
    """Delivers a subscription's items in order, with a task only while items wait: an idle
    socket keeps no task, coroutine or waiter for its live notifications (ADR 0021).

    `ended` completes when the subscription is closed, or with the error a delivery raised."""

    __slots__ = ("_subscription", "_deliver", "_task", "_context", "ended")

    def __init__(self, subscription: Subscription,
                 deliver: Callable[[Notification], Awaitable[None]]) -> None:
        self._subscription = subscription
        self._deliver = deliver
        self._task: asyncio.Task[None] | None = None
        # the socket's log context: items arrive in the publisher's task
        self._context = contextvars.copy_context()
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        subscription.wake_on(self._wake)  # at once if items already wait

    def _wake(self) -> None:
        if self._task is None and not self.ended.done():
            self._task = asyncio.get_running_loop().create_task(self._drain(),
                                                                  context=self._context)

    async def _drain(self) -> None:
        try:
            while True:
                try:
                    item = self._subscription.take()
                except IndexError:
                    return  # nothing waits: the task ends, the next item starts another
                if item is None:
                    if not self.ended.done():
                        self.ended.set_result(None)
                    return
                await self._deliver(item)
        except asyncio.CancelledError:  # stopped, or the loop is closing: the socket ends
            if not self.ended.done():
                self.ended.cancel()
            raise
        except Exception as error:  # ends the socket; serve() decides how it closes
            if not self.ended.done():
                self.ended.set_exception(error)
        finally:
            self._task = None

    async def stop(self) -> None:
        """No more deliveries; one under way is cancelled and waited for."""
        self._subscription.wake_on(None)
        if not self.ended.done():
            self.ended.cancel()
        task = self._task
        if task is not None:
            if not task.cancelling():
                task.cancel()
            await _outlive(task)


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
                pump: Coroutine[Any, Any, None] | Pump, name: str,
                outbox: Stoppable | None = None) -> None:
    """Run the reader (client frames) in this task and the pump (live notifications) in a
    second one, or as a `Pump` that has a task only while items wait, until one ends; then
    stop the Outbox's writer, if one is sending.

    An idle socket's memory is mostly what it keeps waiting (ADR 0021). The reader runs
    here; when the pump ends first, it cancels us."""
    handler = asyncio.current_task()
    assert handler is not None
    task = None if isinstance(pump, Pump) else asyncio.create_task(pump)
    pumping: asyncio.Future[None] = task if task is not None else cast(Pump, pump).ended
    stopped = reading_done = False

    def pump_ended(_: object) -> None:
        nonlocal stopped
        if not reading_done:
            stopped = True
            handler.cancel()

    pumping.add_done_callback(pump_ended)
    failure: BaseException | None = None
    try:
        await reader
    except asyncio.CancelledError:
        # our own cancel (the pump ended) is consumed; anyone else's goes on
        if not stopped or handler.uncancel() > 0:
            raise
    except Exception as error:  # the reader's failure decides how the socket closes
        failure = error
    finally:
        reading_done = True
        pumping.remove_done_callback(pump_ended)
        # Once, and only if no one did yet (the loop cancels every task when it closes): a
        # second cancel interrupts the pump's own cleanup, such as SQLAlchemy closing the
        # connection whose query the first one interrupted, and that close then never ends.
        if isinstance(pump, Pump):
            await pump.stop()
        elif task is not None:
            if not task.cancelling():
                task.cancel()
            await _outlive(task)
        if outbox is not None:
            outbox.stop()
    if failure is None and not pumping.cancelled():
        failure = pumping.exception()
    if failure is not None and not isinstance(failure, Exception):
        raise failure
    await _close_after(websocket, failure, name)


async def _outlive(task: asyncio.Future[Any]) -> None:
    """Wait for task to end even when this handler is cancelled meanwhile (anyio's cancel
    scopes cancel it again at every await), then let that cancellation go on. A handler that
    left earlier would leave its pump running while the server shuts down."""
    cancellation: asyncio.CancelledError | None = None
    while not task.done():
        try:
            # wait(), not gather(): a cancellation of this handler must surface as itself
            await asyncio.wait({task})
        except asyncio.CancelledError as cancelled:
            cancellation = cancelled  # re-raised as it came: a cancel scope knows its own
    if cancellation is not None:
        raise cancellation


async def _close_after(websocket: WebSocket, failure: BaseException | None, name: str) -> None:
    if isinstance(failure, Exception) and client_gone(failure):
        failure = None
    if isinstance(failure, SlowConsumer):
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await websocket.close(TRY_AGAIN_LATER, "too slow to read")
    elif failure is not None:
        log.error(f"{name} socket failed", exc_info=failure)
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await websocket.close(SERVER_ERROR)
    log.info(f"{name} socket closed")


def client_gone(error: Exception) -> bool:
    """The client went away while we were sending: nothing to report."""
    return isinstance(error, WebSocketDisconnect | OSError)
