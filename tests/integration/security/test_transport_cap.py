"""Two tiers of frame size on a real `pasokh serve`: above the application's limit a frame
gets `too_large` and the socket goes on; above the transport cap (PASOKH_WS_MAX_MESSAGE_BYTES,
uvicorn's ws_max_size) the server closes with 1009, refusing from the frame's header alone."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import secrets
import socket
import struct
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosedError

from tests.servers import free_port, stop, wait_until_up

CAP = 128 * 1024
MESSAGE_TOO_BIG = 1009
SECONDS = 10


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    folder = tmp_path_factory.mktemp("transport-cap")
    port = free_port()
    env = {**os.environ, "PASOKH_STORAGE": "memory", "PASOKH_WS_MAX_MESSAGE_BYTES": str(CAP),
           "PASOKH_SECRET_KEY": "transport-cap-test-secret-" * 2, "PASOKH_LOG_LEVEL": "INFO"}
    with (folder / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "entrypoints", "serve", "--port", str(port)], env=env,
            cwd=folder, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        yield f"http://127.0.0.1:{port}", port
    finally:
        stop(process)


def new_session(base: str) -> str:
    response = httpx.post(f"{base}/chat/api/sessions/", timeout=5)
    assert response.status_code == 201, response.text
    key: str = response.json()["session_key"]
    return key


async def talk(port: int, key: str, frames: list[str]) -> list[dict[str, object]]:
    """Send each frame; collect what comes back until the valid message's echo."""
    async with connect(f"ws://127.0.0.1:{port}/ws/chat/{key}/", max_size=None) as ws:
        assert json.loads(await ws.recv())["type"] == "session"
        received = []
        for frame in frames:
            await ws.send(frame)
        while True:
            received.append(json.loads(await asyncio.wait_for(ws.recv(), SECONDS)))
            if received[-1]["type"] == "message":
                return received


def test_over_the_application_limit_the_frame_is_refused_and_the_socket_goes_on(
        served: tuple[str, int]) -> None:
    base, port = served
    key = new_session(base)
    big = json.dumps({"type": "message", "text": "x" * 100_000})
    assert 64 * 1024 < len(big) < CAP
    frames = asyncio.run(talk(port, key, [big, json.dumps({"type": "message", "text": "hi"})]))
    assert frames[0]["type"] == "error" and frames[0]["code"] == "too_large"
    assert frames[-1]["message"]["text"] == "hi"  # type: ignore[index]


def test_a_valid_persian_message_sent_escaped_is_not_too_large(
        served: tuple[str, int]) -> None:
    base, port = served
    text = "س" * 4000
    frame = json.dumps({"type": "message", "text": text, "client_id": "c" * 128})
    assert len(frame) > 24_000  # json.dumps escapes each Persian letter to six bytes
    frames = asyncio.run(talk(port, new_session(base), [frame]))
    assert frames[-1]["message"]["text"] == text  # type: ignore[index]


def test_over_the_transport_cap_the_server_closes_with_1009(served: tuple[str, int]) -> None:
    base, port = served

    async def send_too_much() -> int | None:
        async with connect(f"ws://127.0.0.1:{port}/ws/chat/{new_session(base)}/") as ws:
            await ws.recv()
            await ws.send("x" * (CAP + 1))
            with pytest.raises(ConnectionClosedError) as closed:
                await asyncio.wait_for(ws.recv(), SECONDS)
            return closed.value.rcvd.code if closed.value.rcvd else None

    assert asyncio.run(send_too_much()) == MESSAGE_TOO_BIG


def test_the_cap_is_enforced_from_the_header_before_any_payload_is_read(
        served: tuple[str, int]) -> None:
    """A frame that announces four times the cap and sends none of it is closed at once:
    nothing waits for (or buffers) the payload. (uvicorn's own default cap is 16 MiB.)"""
    base, port = served
    key = new_session(base)
    with socket.create_connection(("127.0.0.1", port), timeout=SECONDS) as raw:
        handshake = (f"GET /ws/chat/{key}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                     f"Sec-WebSocket-Key: {base64.b64encode(secrets.token_bytes(16)).decode()}"
                     "\r\n\r\n")
        raw.sendall(handshake.encode())
        reader = raw.makefile("rb")
        assert b" 101 " in reader.readline()
        while reader.readline() not in (b"\r\n", b""):
            pass
        # FIN + text, masked, a 64-bit length, a mask key, and no payload at all.
        raw.sendall(struct.pack("!BBQ", 0x81, 0x80 | 127, 4 * CAP) + b"mask")
        assert close_code(reader) == MESSAGE_TOO_BIG


def close_code(reader: object) -> int:
    """Read server frames (the session frame first) until the close frame; its code."""
    read = reader.read  # type: ignore[attr-defined]
    while True:
        first, second = read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", read(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", read(8))[0]
        payload = read(length)
        if first & 0x0F == 0x8:
            code: int = struct.unpack("!H", payload[:2])[0]
            return code

