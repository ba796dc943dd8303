"""A visitor socket that stops reading is closed once its outbound buffer is full; the
server's memory stays bounded and other visitors chat on as before. Real `pasokh serve`."""

from __future__ import annotations

import asyncio
import base64
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.servers import free_port, stop, wait_until_up

PASOKH = str(Path(sys.executable).parent / "pasokh")
SEND_BUFFER = 16
LONG = "z" * 3900  # ~4 kB a frame, one word: cheap to match against the FAQs
FLOOD_LIMIT = 4000
BATCH = 20


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str], Path]]:
    port, log = free_port(), tmp_path / "serve.log"
    env = {**os.environ, "PASOKH_STORAGE": "memory", "PASOKH_SECRET_KEY": secrets.token_hex(32),
           "PASOKH_WS_SEND_BUFFER": str(SEND_BUFFER), "CHAT_RATE_LIMIT": "1000000",
           "PASOKH_LOG_LEVEL": "INFO"}
    env.pop("OPENAI_API_KEY", None)
    env.pop("REDIS_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen([PASOKH, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                   env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                   text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        yield port, process, log
    finally:
        stop(process)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def stalled_socket(port: int, path: str) -> socket.socket:
    """A raw client that completes the WebSocket handshake on `path`, then never reads."""
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect(("127.0.0.1", port))
    nonce = base64.b64encode(os.urandom(16)).decode()
    raw.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                 "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                 f"Sec-WebSocket-Key: {nonce}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += raw.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    return raw


def close_code_after_drain(raw: socket.socket, timeout: float = 20.0) -> int | None:
    """Read the frames left until the server's close frame (its code) or the end (None)."""
    raw.settimeout(timeout)
    data = b""
    try:
        while chunk := raw.recv(65536):
            data += chunk
            code = close_code_in(data)
            if code is not None:
                return code
    except ConnectionResetError:
        pass
    return None


def close_code_in(data: bytes) -> int | None:
    """Walk the server's (unmasked) frames; the code of a complete close frame, if any."""
    at = 0
    while at + 2 <= len(data):
        opcode, length, at = data[at] & 0x0F, data[at + 1] & 0x7F, at + 2
        if length >= 126:
            width = 2 if length == 126 else 8
            length, at = int.from_bytes(data[at:at + width]), at + width
        if at + length > len(data):
            return None
        if opcode == 0x8:
            return int.from_bytes(data[at:at + 2])
        at += length
    return None


async def chat(ws: ClientConnection, text: str, times: int = 1) -> float:
    """Send the message `times` times at once, wait for the last echo; seconds taken."""
    began = time.monotonic()
    for _ in range(times):
        client_id = secrets.token_hex(4)
        await ws.send(f'{{"type": "message", "text": "{text}", "client_id": "{client_id}"}}')
    while client_id not in str(await asyncio.wait_for(ws.recv(), 10)):
        pass
    return time.monotonic() - began


async def scenario(port: int, log: Path, pid: int) -> None:
    base, ws = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    slow_key, calm_key = (httpx.post(f"{base}/chat/api/sessions/").json()["session_key"]
                          for _ in range(2))
    raw = stalled_socket(port, f"/ws/chat/{slow_key}/")
    async with connect(f"{ws}/ws/chat/{slow_key}/") as flooder, \
            connect(f"{ws}/ws/chat/{calm_key}/") as calm:
        await flooder.recv(), await calm.recv()
        before = await chat(calm, "hello")
        rss_before, sent, began = rss_kib(pid), 0, time.monotonic()
        while "slow consumer disconnected" not in log.read_text():
            assert sent < FLOOD_LIMIT, "the stalled socket was never closed"
            await chat(flooder, LONG, BATCH)
            sent += BATCH
        rss_after, flood_seconds = rss_kib(pid), time.monotonic() - began
        after = [await chat(calm, f"still here {i}") for i in range(5)]
        await chat(flooder, "and the flooder too")
    with raw:
        code = close_code_after_drain(raw)
    print(f"slow consumer closed after {sent} messages ({flood_seconds:.1f} s), close code "
          f"{code}; server RSS "
          f"{rss_before} -> {rss_after} KiB; calm round trip {before * 1000:.1f} ms before, "
          f"max {max(after) * 1000:.1f} ms after")
    assert code == 1013
    assert rss_after - rss_before < 64 * 1024, "server memory grew without bound"
    assert max(after) < 2.0


def test_a_socket_that_stops_reading_is_closed_and_others_are_unaffected(
        served: tuple[int, subprocess.Popen[str], Path]) -> None:
    port, process, log = served
    asyncio.run(asyncio.wait_for(scenario(port, log, process.pid), 90))
