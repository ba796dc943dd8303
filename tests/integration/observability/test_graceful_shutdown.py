"""SIGTERM to `pasokh serve`: sockets are told to reconnect elsewhere (1012), and the
answer that was being worked on is still stored before the process exits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from entrypoints.app import create_app
from tests.integration.api.conftest import make_settings
from tests.integration.api.test_serve import receive
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, slow
from tests.servers import free_port, wait_until_up

AI_SECONDS = 2.0
EXIT_SECONDS = 30


def wait_for_request(server: FakeOpenAIServer) -> None:
    deadline = time.monotonic() + 10
    while not server.requests:
        assert time.monotonic() < deadline, "the AI was never asked"
        time.sleep(0.02)


@pytest.fixture
def ai_server(running_openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    running_openai_server.reset()
    return running_openai_server


async def test_sigterm_closes_sockets_with_1012_and_finishes_the_answer(
        tmp_path: Path, ai_server: FakeOpenAIServer) -> None:
    ai_server.script(slow(AI_SECONDS, answer("Yes, we open on Fridays.", 0.9)))
    port, database = free_port(), tmp_path / "served.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PASOKH_STORAGE": "auto",
           "OPENAI_API_KEY": "sk-local", "OPENAI_BASE_URL": ai_server.base_url,
           "OPENAI_MAX_RETRIES": "0", "PASOKH_SECRET_KEY": "shutdown-test-secret-" * 3}
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "entrypoints", "serve", "--port", str(port)], env=env,
            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            wait_until_up(f"http://127.0.0.1:{port}", process)
            key = httpx.post(f"http://127.0.0.1:{port}/chat/api/sessions/").json()["session_key"]
            async with connect(f"ws://127.0.0.1:{port}/ws/chat/{key}/") as ws:
                await receive(ws)
                await ws.send(json.dumps({"type": "message", "text": "Do you open on Fridays?"}))
                assert (await receive(ws))["message"]["sender"] == "user"
                wait_for_request(ai_server)  # the answer is now in flight
                process.send_signal(signal.SIGTERM)
                with pytest.raises(ConnectionClosed) as closed:
                    await receive(ws)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012
            # uvicorn re-raises the signal once it has shut down cleanly
            assert process.wait(EXIT_SECONDS) in (0, -signal.SIGTERM)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            print((tmp_path / "serve.log").read_text())  # shown when the test fails

    with TestClient(create_app(make_settings("sqlite", tmp_path, f"sqlite:///{database}"))) as c:
        messages = c.get(f"/chat/api/history/{key}/").json()["messages"]
    assert [(m["sender"], m["source"], m["text"]) for m in messages] == [
        ("user", None, "Do you open on Fridays?"), ("bot", "ai", "Yes, we open on Fridays.")]
