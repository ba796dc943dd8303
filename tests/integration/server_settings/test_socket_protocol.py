"""The lean WebSocket protocol `pasokh serve` runs under uvicorn (ADR 0021): the same frames,
close codes and back-pressure as uvicorn's own protocol, in less memory per open socket.
A real uvicorn server in this process, real sockets."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import socket as stdlib_socket
import struct
import tracemalloc
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
import websockets.version
from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.protocol import Protocol

from entrypoints import socket_protocol
from entrypoints.socket_protocol import LeanWebSocketProtocol, WriteGate, websocket_protocol
from tests.servers import free_port

MAX_MESSAGE = 4096


async def echo(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Echoes text frames; `close:<code>` closes with that code."""
    assert scope["type"] == "websocket"
    assert (await receive())["type"] == "websocket.connect"
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message["text"]
        if text.startswith("close:"):
            await send({"type": "websocket.close", "code": int(text[6:])})
            return
        await send({"type": "websocket.send", "text": text})


@contextlib.asynccontextmanager
async def running(app: Any = echo) -> AsyncIterator[tuple[uvicorn.Server, str]]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, ws=LeanWebSocketProtocol,
                            ws_max_size=MAX_MESSAGE, ws_per_message_deflate=False,
                            log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield server, f"ws://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        await task


def open_sockets(server: uvicorn.Server) -> list[LeanWebSocketProtocol]:
    return [c for c in server.server_state.connections if isinstance(c, LeanWebSocketProtocol)]


def test_the_pinned_uvicorn_and_websockets_are_the_versions_it_is_written_for() -> None:
    # requirements/ pins both; bumping either needs this protocol rechecked against them
    assert socket_protocol.supported(uvicorn.__version__, websockets.version.version)
    assert websocket_protocol() is LeanWebSocketProtocol


def test_other_versions_run_uvicorns_own_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn, "__version__", "9.0.0")
    assert websocket_protocol() == "websockets-sansio"


async def test_frames_go_both_ways_and_the_handshake_is_not_kept() -> None:
    async with running() as (server, url), connect(url) as ws:
        await ws.send("سلام")
        assert await ws.recv() == "سلام"
        [protocol] = open_sockets(server)
        assert "request" not in protocol.__dict__ and "response" not in protocol.__dict__
        # the frame parser alone: the request parser's frame (with the headers) is gone
        assert protocol.conn.parser.gi_code is Protocol.parse.__code__  # type: ignore[attr-defined]
        for n in range(50):
            await ws.send(f"message {n}")
            assert await ws.recv() == f"message {n}"


async def test_a_frame_split_across_many_writes_is_read_whole() -> None:
    async with running() as (_server, url):
        port = int(url.rsplit(":", 1)[1].strip("/"))
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     b"Sec-WebSocket-Version: 13\r\n\r\n")
        assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 101")
        payload = "یک پیام در چند تکه".encode()
        mask = b"\x01\x02\x03\x04"
        frame = bytes([0x81, 0x80 | len(payload)]) + mask + bytes(
            b ^ mask[i % 4] for i, b in enumerate(payload))
        for byte in frame:  # one byte per write: the parser waits mid-frame every time
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(0.001)
        head = await reader.readexactly(2)
        assert head[0] == 0x81
        assert (await reader.readexactly(head[1])).decode() == "یک پیام در چند تکه"
        writer.close()


async def test_close_codes_reach_the_client() -> None:
    async with running() as (_server, url):
        async with connect(url) as ws:
            await ws.send("close:4404")
            with pytest.raises(ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404
        async with connect(url, max_size=None) as ws:  # a message above the cap: 1009
            await ws.send("x" * (MAX_MESSAGE + 1))
            with pytest.raises(ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_a_client_that_leaves_is_seen_as_gone_by_the_app() -> None:
    left: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "websocket.accept"})
        message = await receive()
        left.set_result(message["code"])

    async with running(app) as (_server, url):
        async with connect(url):
            pass
        assert await asyncio.wait_for(left, 5) == 1000


async def test_a_sender_waits_while_the_client_reads_nothing_and_goes_on_after() -> None:
    """Back-pressure: a client that stops reading pauses the app's sends (WriteGate) until
    it reads again; nothing is lost."""
    frames, size = 300, 100_000  # 30 MB: more than the kernel's buffers hold
    sent = 0

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        nonlocal sent
        await receive()
        await send({"type": "websocket.accept"})
        for n in range(frames):
            await send({"type": "websocket.send", "text": f"{n:05d}" + "x" * (size - 5)})
            sent = n + 1
        await send({"type": "websocket.close", "code": 1000})

    async with running(app) as (server, url):
        port = int(url.rsplit(":", 1)[1].strip("/"))
        raw = stdlib_socket.create_connection(("127.0.0.1", port))
        raw.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    b"Sec-WebSocket-Version: 13\r\n\r\n")
        raw.setblocking(False)
        paused = False
        for _ in range(250):  # the app fills the kernel's buffers and then waits
            await asyncio.sleep(0.02)
            protocols = open_sockets(server)
            if protocols and not protocols[0].writable.is_set():
                paused = True
                break
        assert paused and sent < frames
        await asyncio.sleep(0.2)
        assert sent < frames  # still waiting: the client has read nothing
        loop = asyncio.get_running_loop()
        buffer = bytearray()
        while b"\r\n\r\n" not in buffer:
            buffer += await loop.sock_recv(raw, 1 << 20)
        del buffer[:buffer.index(b"\r\n\r\n") + 4]
        numbers: list[int] = []
        while True:  # read frames as they come, until the close frame
            frame = _next_frame(buffer)
            if frame is None:
                chunk = await asyncio.wait_for(loop.sock_recv(raw, 1 << 20), 10)
                assert chunk, "the server closed before all frames arrived"
                buffer += chunk
                continue
            opcode, payload = frame
            if opcode == 0x8:
                break
            numbers.append(int(payload[:5]))
        raw.close()
        assert sent == frames
        assert numbers == list(range(frames))


def _next_frame(buffer: bytearray) -> tuple[int, bytes] | None:
    """(opcode, payload) of the first whole unmasked frame, taken off buffer; or None."""
    if len(buffer) < 2:
        return None
    length, offset = buffer[1] & 0x7F, 2
    if length == 126:
        length, offset = (struct.unpack("!H", buffer[2:4])[0], 4) if len(buffer) >= 4 \
            else (1 << 62, 4)
    elif length == 127:
        length, offset = (struct.unpack("!Q", buffer[2:10])[0], 10) if len(buffer) >= 10 \
            else (1 << 62, 10)
    if len(buffer) < offset + length:
        return None
    opcode, payload = buffer[0] & 0x0F, bytes(buffer[offset:offset + length])
    del buffer[:offset + length]
    return opcode, payload


async def test_a_cancelled_sender_does_not_cancel_the_others_waiting() -> None:
    gate = WriteGate()
    gate.clear()
    first = asyncio.create_task(gate.wait())
    second = asyncio.create_task(gate.wait())
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    assert first.cancelled() and not second.done()
    gate.set()
    assert await asyncio.wait_for(second, 1) is True
    assert await gate.wait() is True  # open: no wait at all


def _per_socket_bytes(protocol_class: type[WebSocketsSansIOProtocol], sockets: int) -> float:
    class Transport(asyncio.Transport):
        def get_extra_info(self, name: str, default: Any = None) -> Any:
            return {"peername": ("127.0.0.1", 5555), "sockname": ("127.0.0.1", 8000)}.get(
                name, default)

        def write(self, data: Any) -> None:
            pass

        def is_closing(self) -> bool:
            return False

        def pause_reading(self) -> None:
            pass

        def resume_reading(self) -> None:
            pass

        def close(self) -> None:
            pass

    async def idle(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "websocket.accept"})
        await receive()

    handshake = (b"GET /ws/chat/k/ HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 b"Sec-WebSocket-Version: 13\r\nOrigin: http://localhost\r\n"
                 b"User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120\r\n\r\n")

    async def measure() -> float:
        config = Config(app=idle, proxy_headers=False, ws_per_message_deflate=False,
                        log_config=None)
        config.load()
        state = ServerState()
        held = []
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(sockets):
                protocol = protocol_class(config=config, server_state=state, app_state={})
                protocol.connection_made(Transport())
                protocol.data_received(handshake)
                held.append(protocol)
            for _ in range(5):
                await asyncio.sleep(0)
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        for task in list(state.tasks):
            task.cancel()
        await asyncio.gather(*state.tasks, return_exceptions=True)
        return (after - before) / sockets

    return asyncio.run(measure())


def test_an_idle_socket_keeps_far_less_than_under_uvicorns_own_protocol() -> None:
    stock = _per_socket_bytes(WebSocketsSansIOProtocol, 300)
    lean = _per_socket_bytes(LeanWebSocketProtocol, 300)
    # measured: about 16.3 KiB and 8.1 KiB with uvicorn 0.55 and websockets 17.4
    assert lean < stock - 5 * 1024, (stock, lean)
