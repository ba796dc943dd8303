"""serve(): the reader runs in the handler's task, the pump in one more; whichever ends
first ends the socket, with the close code its ending calls for (ADR 0017, ADR 0021)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from entrypoints.ws.outbox import Outbox
from entrypoints.ws.serving import SERVER_ERROR, TRY_AGAIN_LATER, SlowConsumer, serve


class Socket:
    def __init__(self) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.closed_with: int | None = None
        self.sent: list[Any] = []

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()

    async def send_json(self, data: Any, mode: str = "text") -> None:
        self.sent.append(data)

    async def send_text(self, data: str) -> None:
        self.sent.append(json.loads(data))

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed_with = code


async def read_until_gone(socket: Socket) -> None:
    while (await socket.receive())["type"] != "websocket.disconnect":
        pass


async def forever() -> None:
    await asyncio.Event().wait()


async def test_a_slow_consumer_in_the_pump_closes_the_socket_with_1013() -> None:
    socket = Socket()

    async def pump() -> None:
        await asyncio.sleep(0)
        raise SlowConsumer("256 frames unsent")

    await serve(socket, read_until_gone(socket), pump(), "visitor")  # type: ignore[arg-type]
    assert socket.closed_with == TRY_AGAIN_LATER
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


async def test_a_bug_in_the_reader_closes_with_1011_and_stops_the_pump() -> None:
    socket = Socket()
    pump_stopped = asyncio.Event()

    async def reader() -> None:
        await asyncio.sleep(0)  # the pump is running by now
        raise ValueError("a bug")

    async def pump() -> None:
        try:
            await forever()
        finally:
            pump_stopped.set()

    await serve(socket, reader(), pump(), "visitor")  # type: ignore[arg-type]
    assert socket.closed_with == SERVER_ERROR
    assert pump_stopped.is_set()


async def test_the_client_leaving_ends_quietly_and_stops_the_writer() -> None:
    socket = Socket()
    outbox = Outbox(socket)
    stuck = asyncio.Event()

    async def stuck_send(data: str) -> None:
        await stuck.wait()

    socket.send_text = stuck_send  # type: ignore[method-assign]
    await outbox.send_json({"type": "message"})
    await asyncio.sleep(0)
    assert outbox.writing
    socket.incoming.put_nowait({"type": "websocket.disconnect"})
    await serve(socket, read_until_gone(socket), forever(), "visitor", outbox)  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert socket.closed_with is None and not outbox.writing


async def test_a_cancellation_from_outside_goes_on() -> None:
    socket = Socket()
    handler = asyncio.create_task(serve(socket, read_until_gone(socket), forever(),  # type: ignore[arg-type]
                                        "visitor"))
    await asyncio.sleep(0)
    handler.cancel()
    with pytest.raises(asyncio.CancelledError):
        await handler
    assert socket.closed_with is None


class SlowToStop:
    """A pump whose cleanup takes a few turns of the loop, as SQLAlchemy's close of an
    interrupted connection does; it counts every cancel it gets, cleanup included."""

    def __init__(self) -> None:
        self.cancels = 0
        self.started = asyncio.Event()
        self.cleaned_up = asyncio.Event()

    async def run(self) -> None:
        self.started.set()
        try:
            await forever()
        except asyncio.CancelledError:
            self.cancels += 1
            for _ in range(20):
                try:
                    await asyncio.sleep(0)
                except asyncio.CancelledError:
                    self.cancels += 1
            self.cleaned_up.set()
            raise


async def test_a_handler_cancelled_again_and_again_cancels_its_pump_once_and_waits_for_it(
) -> None:
    """As anyio's cancel scopes do (the test client's, uvicorn's): the handler is cancelled at
    every await. Its pump must be cancelled once, and finish its cleanup before the handler
    ends: a second cancel left SQLAlchemy's close of an interrupted SQLite connection hanging
    forever, and with it the shutdown of the whole event loop."""
    socket, pump = Socket(), SlowToStop()
    handler = asyncio.create_task(
        serve(socket, read_until_gone(socket), pump.run(), "visitor"))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    while not handler.done():
        handler.cancel()
        await asyncio.sleep(0)
    assert handler.cancelled()
    assert pump.cancels == 1 and pump.cleaned_up.is_set()


async def test_a_pump_the_loop_already_cancelled_is_not_cancelled_twice() -> None:
    """When the event loop closes it cancels every task, the handler and its pump alike."""
    socket, pump = Socket(), SlowToStop()
    handler = asyncio.create_task(
        serve(socket, read_until_gone(socket), pump.run(), "visitor"))  # type: ignore[arg-type]
    await pump.started.wait()
    pumping = next(task for task in asyncio.all_tasks()
                   if task.get_coro().__name__ == "run")  # type: ignore[union-attr]
    pumping.cancel()
    handler.cancel()
    with pytest.raises(asyncio.CancelledError):
        await handler
    assert pump.cancels == 1 and pump.cleaned_up.is_set() and pumping.done()
