"""A real crash between a commit and its policy, repaired by a fresh instance.

Instance A asks a model (a local fake OpenAI server) that takes a minute to answer. The
visitor's question is committed and echoed, A's answering policy is waiting on the model,
and A is killed with SIGKILL: its reaction dies with it, as in a power cut. Nothing in the
code knows it is being tested. Then an instance that has never seen the question (B,
without a model: local fallback answers) finds it unanswered and answers it, once.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.integration.api.test_serve import receive
from tests.integration.multi_instance.conftest import PASOKH, fresh_database  # noqa: F401
from tests.integration.openai.fake_server import FakeOpenAIServer, slow
from tests.servers import free_port, stop, wait_until_up

QUESTION = "Do you take walk-in patients on Fridays?"
REPAIR_SECONDS = 60  # a generous bound on B's first passes; the test ends as soon as it answers


@contextmanager
def serving(env: dict[str, str], cwd: Path, name: str
            ) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    with (cwd / f"serve-{name}.log").open("w") as log:
        process = subprocess.Popen(
            [PASOKH, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process)
            yield base, process
        finally:
            if process.poll() is None:
                stop(process)


SECRET_KEY = secrets.token_urlsafe(48)  # one for every instance of the run


def environment(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PASOKH_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return {**env, "PASOKH_SECRET_KEY": SECRET_KEY, "PASOKH_LOG_LEVEL": "WARNING", **settings}


def with_a_slow_model(env: dict[str, str], model: FakeOpenAIServer) -> dict[str, str]:
    model.reset()
    model.script(slow(REPAIR_SECONDS))
    return {**env, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": model.base_url,
            "OPENAI_TIMEOUT_SECONDS": "120", "OPENAI_TOTAL_TIMEOUT_SECONDS": "120"}


def repairing(env: dict[str, str], grace: str) -> dict[str, str]:
    return {**env, "PASOKH_RECONCILE_GRACE_SECONDS": grace, "PASOKH_RECONCILE_INTERVAL": "0.2"}


async def ask_then_kill(base: str, process: subprocess.Popen[str],
                        model: FakeOpenAIServer) -> str:
    """The question is stored (echoed), the policy is asking the model: SIGKILL."""
    async with httpx.AsyncClient() as http:
        key: str = (await http.post(f"{base}/chat/api/sessions/")).json()["session_key"]
    ws_base = base.replace("http://", "ws://")
    async with connect(f"{ws_base}/ws/chat/{key}/") as socket:
        await receive(socket)  # the session frame
        await socket.send(json.dumps({"type": "message", "text": QUESTION, "client_id": "q1"}))
        echo = await receive(socket)
        assert echo["type"] == "message" and echo["message"]["sender"] == "user"
        for _ in range(200):
            if model.requests:
                break
            await asyncio.sleep(0.05)
        assert model.requests, "A's policy never asked the model"
        process.send_signal(signal.SIGKILL)
        process.wait()
    return key


def answered(base: str, key: str) -> list[dict[str, Any]]:
    """The history once the bot has spoken; fails if it does not within REPAIR_SECONDS."""
    deadline = time.monotonic() + REPAIR_SECONDS
    while time.monotonic() < deadline:
        messages: list[dict[str, Any]] = httpx.get(
            f"{base}/chat/api/history/{key}/").json()["messages"]
        if any(m["sender"] != "user" for m in messages):
            time.sleep(1)  # a second, duplicate answer would show up by now
            return list(httpx.get(f"{base}/chat/api/history/{key}/").json()["messages"])
        time.sleep(0.2)
    pytest.fail(f"the question stored before the crash was never answered: {messages}")


def repairs_counted(base: str) -> float:
    for line in httpx.get(f"{base}/metrics").text.splitlines():
        if line.startswith('pasokh_reconciler_repairs_total{kind="answer"}'):
            return float(line.split()[-1])
    raise AssertionError("no pasokh_reconciler_repairs metric")


async def test_a_question_stored_just_before_a_crash_is_answered_after_a_restart(
        tmp_path: Path, running_openai_server: FakeOpenAIServer) -> None:
    database = tmp_path / "pasokh.db"
    env = environment(DATABASE_URL=f"sqlite:///{database}")
    with serving(with_a_slow_model(env, running_openai_server), tmp_path, "a") as (base, a):
        key = await ask_then_kill(base, a, running_openai_server)
    with sqlite3.connect(database) as db:  # what the crash left: a question, no answer
        assert db.execute("SELECT sender FROM rm_messages").fetchall() == [("user",)]
    with serving(repairing(env, grace="0.5"), tmp_path, "b") as (base, _):
        messages = answered(base, key)
        assert [(m["seq"], m["sender"]) for m in messages] == [(1, "user"), (2, "bot")]
        assert messages[0]["text"] == QUESTION
        assert repairs_counted(base) == 1


@pytest.mark.postgres
@pytest.mark.redis
async def test_another_running_instance_answers_for_a_killed_one(
        tmp_path: Path, running_openai_server: FakeOpenAIServer, fresh_database: str,  # noqa: F811
        redis_url: str) -> None:
    env = environment(DATABASE_URL=fresh_database, REDIS_URL=redis_url,
                      PASOKH_REDIS_PREFIX=f"pasokh-test-{secrets.token_hex(4)}")
    done = subprocess.run([PASOKH, "migrate"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # B's grace is longer than it takes to kill A: the repair comes after the crash
    with serving(repairing(env, grace="3"), tmp_path, "b") as (b_base, _), \
            serving(with_a_slow_model(env, running_openai_server), tmp_path, "a") as (base, a):
        key = await ask_then_kill(base, a, running_openai_server)
        messages = answered(b_base, key)
        assert [(m["seq"], m["sender"]) for m in messages] == [(1, "user"), (2, "bot")]
        assert repairs_counted(b_base) == 1
