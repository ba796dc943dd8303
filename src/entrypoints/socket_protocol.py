"""uvicorn's websockets-sansio protocol in less memory per open socket (ADR 0021).

An idle socket's cost is mostly the server's: uvicorn keeps, for every connection, an
asyncio.Queue for the app's `receive()` (four deques), an asyncio.Event for write
back-pressure (one more), and the parsed handshake request and response with their headers
long after the handshake is over. `LeanWebSocketProtocol` keeps the same behaviour with an
`Inbox` for the queue, a slotted gate for back-pressure, and the handshake dropped once
answered: 16.3 KiB per socket for uvicorn's protocol alone, 8.1 KiB for this one (tracemalloc,
uvicorn 0.55, websockets 17.4).

It subclasses a uvicorn internal and reaches into websockets' parser, so it is used only
with the versions it was written and tested for (`SUPPORTED`, the ones requirements/ pins);
with others `pasokh serve` logs a warning and runs uvicorn's own protocol, which behaves the
same in more memory. tests/integration/server_settings/test_socket_protocol.py runs it
through a real server and fails when the pinned versions leave `SUPPORTED`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
import uvicorn
import websockets.version
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.protocol import Protocol
from websockets.streams import StreamReader

from adapters.memory.pubsub import Inbox

# (uvicorn, websockets) version prefixes this protocol is written for
SUPPORTED = (("0.55.", "17."),)


class WriteGate:
    """What asyncio.Event does for uvicorn's write back-pressure (`set`, `clear`, `wait`),
    without the deque of waiters every Event keeps: a future exists only while a sender
    waits for the transport to drain. Several senders may wait; one being cancelled does
    not cancel the others."""

    __slots__ = ("_open", "_waiter")

    def __init__(self) -> None:
        self._open = True
        self._waiter: asyncio.Future[None] | None = None

    def is_set(self) -> bool:
        return self._open

    def set(self) -> None:
        self._open = True
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def clear(self) -> None:
        self._open = False

    async def wait(self) -> bool:
        while not self._open:
            if self._waiter is None or self._waiter.done():
                self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if task is None or task.cancelling():
                    raise
                # another sender waiting on the same future was cancelled: wait again
        return True


class LeanWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-I/O WebSocket protocol, keeping less per socket (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = Inbox()  # type: ignore[assignment]  # get, put_nowait, empty
        self.writable = WriteGate()  # type: ignore[assignment]  # set, clear, wait

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        self.__dict__.pop("request", None)  # uvicorn stores it and never reads it again
        self._forget_handshake_in_parser()

    def _forget_handshake_in_parser(self) -> None:
        """websockets' server parser reads the request, then reads frames from inside the
        same generator, whose frame keeps the parsed request (and its headers) as a local
        for the socket's whole life. Between frames, that parser is waiting in
        `reader.at_eof()` with nothing carried in its locals: there it is replaced by the
        frame parser alone, started the same way, with the same reader and state."""
        conn = self.conn
        outer = conn.parser
        inner = getattr(outer, "gi_yieldfrom", None)
        waiting = getattr(inner, "gi_yieldfrom", None)
        if (getattr(inner, "gi_code", None) is not Protocol.parse.__code__
                or getattr(waiting, "gi_code", None) is not StreamReader.at_eof.__code__):
            return  # mid-frame, or not the parser this was written for: leave it be
        parser = Protocol.parse(conn)
        next(parser)  # runs to the same wait in at_eof(): the reader's buffer is empty
        conn.parser = parser
        outer.close()

    def start_keepalive(self) -> None:
        # uvicorn calls this once, right after it sent the handshake's response: the response
        # is never read again. (Here rather than in send(), which every frame goes through.)
        self.__dict__.pop("response", None)
        super().start_keepalive()


def supported(uvicorn_version: str, websockets_version: str) -> bool:
    return any(uvicorn_version.startswith(u) and websockets_version.startswith(w)
               for u, w in SUPPORTED)


def websocket_protocol() -> type[asyncio.Protocol] | str:
    """uvicorn's `ws=` for `pasokh serve`: the lean protocol where the installed uvicorn and
    websockets are versions it was written for, uvicorn's own sans-I/O protocol otherwise."""
    if supported(uvicorn.__version__, websockets.version.version):
        return LeanWebSocketProtocol
    structlog.get_logger("pasokh.server").warning(
        "uvicorn's own WebSocket protocol: the lean one is not written for these versions",
        uvicorn=uvicorn.__version__, websockets=websockets.version.version)
    return "websockets-sansio"
