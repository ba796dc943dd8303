"""End to end: `pasokh serve` as a real process on SQLite answers a seeded FAQ over a socket."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.integration.api.test_cli import PASOKH, SEEDED
from tests.servers import free_port, stop, wait_until_up

FRAME_SECONDS = 10



@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], subprocess.Popen[str]]]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": "serve-test-secret-" * 3}
    process = subprocess.Popen(
        [sys.executable, "-m", "entrypoints", "serve", "--host", "127.0.0.1", "--port",
         str(port)], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base, env, process
    finally:
        stop(process)



async def receive(ws: Any) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), FRAME_SECONDS))
    return frame


async def test_serve_answers_a_seeded_faq_over_a_websocket(
        server: tuple[str, dict[str, str], subprocess.Popen[str]], tmp_path: Path) -> None:
    base, env, process = server
    seeded = subprocess.run([PASOKH, "faqs", "seed"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert seeded.returncode == 0, seeded.stderr
    async with httpx.AsyncClient(base_url=base) as http:
        faqs = (await http.get("/chat/api/faqs")).json()
        key = (await http.post("/chat/api/sessions/")).json()["session_key"]
    wanted = next(f for f in SEEDED if f["question"] == "How do I book an appointment?")
    faq_id = next(f["id"] for f in faqs if f["question"] == wanted["question"])

    async with connect(f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/ws/chat/{key}/") as ws:
        assert (await receive(ws))["type"] == "session"
        await ws.send(json.dumps({"type": "message", "text": "how can I book an appointment?",
                                  "client_id": "e2e-1"}))
        echo, answer = await receive(ws), await receive(ws)

    assert echo["message"]["sender"] == "user"
    assert echo["message"]["client_id"] == "e2e-1"
    assert answer["message"]["sender"] == "bot"
    assert answer["message"]["source"] == "faq"
    assert answer["message"]["faq_id"] == faq_id
    assert answer["message"]["text"] == wanted["answer"]

    process.terminate()
    output, _ = process.communicate(timeout=15)
    assert key not in output  # logs carry the session key shortened, never whole
    assert f"{key[:6]}…" in output
