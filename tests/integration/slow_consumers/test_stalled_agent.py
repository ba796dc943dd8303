"""An agent socket that stops reading is closed with 1013 once its outbound buffer is full;
the same agent's other socket, the visitor it serves and other visitors chat on.
Real `pasokh serve` on a SQLite file (agent accounts need a store the CLI can write)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.integration.multi_instance.conftest import PASOKH, pasokh
from tests.integration.slow_consumers.test_slow_reader import (
    BATCH,
    FLOOD_LIMIT,
    LONG,
    SEND_BUFFER,
    chat,
    close_code_after_drain,
    rss_kib,
    stalled_socket,
)
from tests.servers import free_port, stop, wait_until_up

AGENT, PASSWORD = "sara", "a long enough password"
FRAME_SECONDS = 10


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str], Path]]:
    port, log = free_port(), tmp_path / "serve.log"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'stalled.db'}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": secrets.token_hex(32),
           "PASOKH_WS_SEND_BUFFER": str(SEND_BUFFER), "CHAT_RATE_LIMIT": "1000000",
           "PASOKH_LOG_LEVEL": "INFO"}
    for name in ("OPENAI_API_KEY", "REDIS_URL"):
        env.pop(name, None)
    pasokh(env, tmp_path, "migrate")
    pasokh(env, tmp_path, "create-admin", AGENT, "--password-stdin", stdin=PASSWORD + "\n")
    with log.open("w") as out:
        process = subprocess.Popen([PASOKH, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                   env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                   text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        yield port, process, log
    finally:
        stop(process)


async def until(socket: ClientConnection, kind: str, **fields: object) -> dict[str, object]:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), FRAME_SECONDS))
        if frame["type"] == kind and all(frame.get(k) == v for k, v in fields.items()):
            return dict(frame)


async def keep_reading(socket: ClientConnection, texts: list[str]) -> None:
    """A dashboard that keeps up: every message text it is sent, in order."""
    while True:
        frame = json.loads(await socket.recv())
        if frame["type"] == "message":
            texts.append(frame["message"]["text"])


async def scenario(port: int, log: Path, pid: int) -> None:
    base, ws = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=FRAME_SECONDS) as http:
        key, calm_key = [(await http.post("/chat/api/sessions/")).json()["session_key"]
                         for _ in range(2)]
        token = (await http.post("/chat/api/auth/login/", json={
            "username": AGENT, "password": PASSWORD})).json()["access_token"]
    async with connect(f"{ws}/ws/chat/{key}/") as visitor, \
            connect(f"{ws}/ws/chat/{calm_key}/") as calm, \
            connect(f"{ws}/ws/admin/chat/?token={token}") as desk:
        await visitor.recv(), await calm.recv(), await desk.recv()
        await chat(visitor, "I want to talk to a human")
        # The same agent on a second screen that froze: it follows every chat the agent holds.
        raw = stalled_socket(port, f"/ws/admin/chat/?token={token}")
        await desk.send(json.dumps({"type": "join", "session_key": key}))
        await until(desk, "joined", session_key=key)
        seen: list[str] = []
        reader = asyncio.create_task(keep_reading(desk, seen))
        before = await chat(calm, "hello")
        rss_before, sent = rss_kib(pid), 0
        while "slow consumer disconnected" not in log.read_text():
            assert sent < FLOOD_LIMIT, "the stalled agent socket was never closed"
            await chat(visitor, LONG, BATCH)
            sent += BATCH
        rss_after = rss_kib(pid)
        after = [await chat(calm, f"still here {i}") for i in range(5)]
        await desk.send(json.dumps({"type": "message", "session_key": key,
                                    "text": "the agent still answers"}))
        while "the agent still answers" not in await asyncio.wait_for(visitor.recv(),
                                                                      FRAME_SECONDS):
            pass
        while "the agent still answers" not in seen:  # its echo follows every flood message
            await asyncio.sleep(0.05)
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
    with raw:
        code = close_code_after_drain(raw)
    print(f"stalled agent socket closed after {sent} visitor messages, close code {code}; "
          f"server RSS {rss_before} -> {rss_after} KiB; calm round trip "
          f"{before * 1000:.1f} ms before, max {max(after) * 1000:.1f} ms after")
    assert code == 1013
    assert seen.count(LONG) == sent  # the agent's working socket got every message
    assert rss_after - rss_before < 64 * 1024, "server memory grew without bound"


def test_an_agent_socket_that_stops_reading_is_closed_and_others_are_unaffected(
        served: tuple[int, subprocess.Popen[str], Path]) -> None:
    port, process, log = served
    asyncio.run(asyncio.wait_for(scenario(port, log, process.pid), 120))
