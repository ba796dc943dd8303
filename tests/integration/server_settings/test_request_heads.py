"""`pasokh serve` alone limits a request's head as a proxy would: its size (431) and the
time it may take to arrive (408, or a plain close for a connection that says nothing).
Real processes and raw TCP, since an HTTP client library would not send such requests."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Callable

import httpx
from websockets.asyncio.client import connect

LIMITS = {"PASOKH_MAX_HEADER_BYTES": "8192", "PASOKH_HEADER_TIMEOUT_SECONDS": "1"}


def raw(address: str) -> socket.socket:
    host, port = address.split(":")
    conn = socket.create_connection((host, int(port)), timeout=10)
    return conn


def read_all(conn: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def read_response(conn: socket.socket) -> bytes:
    """One whole response with a Content-Length body, on a connection that stays open."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += conn.recv(65536)
    return head


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def test_a_huge_header_is_refused_with_431(serve: Callable[..., str]) -> None:
    address = serve(**LIMITS)
    conn = raw(address)
    conn.sendall(b"GET /chat/api/faqs/ HTTP/1.1\r\nHost: x\r\n")
    try:
        for _ in range(64):  # 64 x 1 KiB of one header, never finished
            conn.sendall(b"X-Padding: " + b"a" * 1024 + b"\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may close before we finish sending
    reply = read_all(conn)
    assert status_of(reply) == 431
    # the service goes on for everyone else
    assert httpx.get(f"http://{address}/chat/api/faqs/").status_code == 200


def test_a_head_that_never_finishes_is_closed_with_408(serve: Callable[..., str]) -> None:
    address = serve(**LIMITS)
    conn = raw(address)
    conn.sendall(b"GET /chat/api/faqs/ HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    started = time.monotonic()
    reply = read_all(conn)
    assert status_of(reply) == 408
    assert time.monotonic() - started < 8


def test_a_connection_that_sends_nothing_is_closed(serve: Callable[..., str]) -> None:
    address = serve(**LIMITS)
    conns = [raw(address) for _ in range(20)]
    started = time.monotonic()
    assert all(read_all(conn) == b"" for conn in conns)
    assert time.monotonic() - started < 8


def test_large_bodies_slow_clients_between_requests_and_sockets_are_unaffected(
        serve: Callable[..., str]) -> None:
    address = serve(**LIMITS)
    # a body far above the head limit, sent with its headers in one go
    big = json.dumps({"question": "q" * 50_000, "answer": "a"})
    response = httpx.post(f"http://{address}/chat/api/sessions/", content=big,
                          headers={"content-type": "application/json"})
    assert response.status_code in (201, 422), response.text
    # a kept-alive connection whose next request starts after a pause longer than the
    # head timeout, then arrives in pieces within it
    conn = raw(address)
    request = b"GET /chat/api/faqs/ HTTP/1.1\r\nHost: x\r\n\r\n"
    conn.sendall(request)
    assert status_of(read_response(conn)) == 200
    time.sleep(0.6)
    conn.sendall(request[:10])
    time.sleep(0.3)
    conn.sendall(request[10:])
    assert status_of(read_response(conn)) == 200
    conn.close()

    async def socket_stays_open() -> None:
        key = httpx.post(f"http://{address}/chat/api/sessions/").json()["session_key"]
        async with connect(f"ws://{address}/ws/chat/{key}/") as ws:
            assert json.loads(await ws.recv())["type"] == "session"
            await asyncio.sleep(1.5)  # longer than the head timeout
            await ws.send(json.dumps({"type": "message", "text": "hello"}))
            echo = json.loads(await ws.recv())
            assert echo["type"] == "message" and echo["message"]["text"] == "hello"

    asyncio.run(socket_stays_open())
