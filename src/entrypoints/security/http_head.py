"""Limits on a request's head for `pasokh serve` without a proxy in front.

uvicorn's httptools protocol buffers a request's line and headers without bound and waits
for them without a deadline: one client could hold megabytes per connection, or hundreds
of connections that never finish their headers. This protocol adds what nginx does by
default (`large_client_header_buffers`, `client_header_timeout`): a head larger than
`max_bytes` is answered 431 and the connection closed; a head not complete within
`timeout` seconds of the connection opening (or of the previous response, on a kept-alive
connection) closes the connection with 408. Bodies and sockets are not affected.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_MAX_HEAD_BYTES = 32 * 1024
DEFAULT_HEAD_TIMEOUT_SECONDS = 10.0


LINGER_SECONDS = 2.0


def _reply(transport: asyncio.Transport, status: bytes, message: str) -> None:
    body = message.encode()
    transport.write(b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
                    b"content-length: " + str(len(body)).encode() + b"\r\n"
                    b"connection: close\r\n\r\n" + body)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    max_head_bytes = DEFAULT_MAX_HEAD_BYTES
    head_timeout = DEFAULT_HEAD_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._in_head = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._lingering = False

    @classmethod
    def configured(cls, max_head_bytes: int, head_timeout: float) -> type[HttpToolsProtocol]:
        """A subclass with these limits, for uvicorn's `http=` option."""
        return type(cls.__name__, (cls,), {"max_head_bytes": max_head_bytes,
                                           "head_timeout": head_timeout})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()  # a connection that never sends a request is closed too

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return  # refused: what the client still sends is read and dropped
        super().data_received(data)
        if not self._in_head or self.transport.is_closing():
            return
        # A head still incomplete after this chunk: count the chunk. A chunk that completes
        # the head is not counted, so a body arriving with its headers is never refused.
        self._head_bytes += len(data)
        if self._head_bytes > self.max_head_bytes:
            self._cancel_head_timer()
            _reply(self.transport, b"431 Request Header Fields Too Large",
                   f"the request line and headers exceed {self.max_head_bytes} bytes")
            self._close_lingering()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = 0
        if self._head_timer is None:  # a kept-alive connection's next request
            self._start_head_timer()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_head_timer()
        super().on_headers_complete()

    def _start_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or (self.cycle is not None and not self._in_head):
            return
        if self._in_head:
            _reply(self.transport, b"408 Request Timeout",
                   f"the request headers did not arrive within {self.head_timeout:g} s")
            self._close_lingering()
        else:
            self.transport.close()  # connected and said nothing

    def _close_lingering(self) -> None:
        """Close after the refusal, as nginx's lingering close does: closing at once with
        the client's bytes unread would make the kernel reset the connection, and the client
        could lose the refusal. Our side is shut for writing; what still arrives is dropped,
        and the connection is closed after LINGER_SECONDS at most."""
        self._lingering = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
