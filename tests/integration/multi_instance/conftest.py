"""Two real `pasokh serve` processes sharing a fresh PostgreSQL database and Redis."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.chaos.cluster import fresh_database as scratch_database

from tests.conftest import POSTGRES_ADMIN_URL
from tests.servers import free_port, stop, wait_until_up

PASOKH = str(Path(sys.executable).parent / "pasokh")
AGENT, PASSWORD = "sara", "a long enough password"
STOP_SECONDS = 15


@dataclass(frozen=True)
class Instance:
    port: int
    log: Path

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


@pytest.fixture
def fresh_database(postgres_url: str) -> Iterator[str]:
    """A database of its own: the servers hold connections the other tests' TRUNCATE
    would wait for. (postgres_url first: it fails or skips with a reason when the server is
    unreachable.)"""
    with scratch_database(POSTGRES_ADMIN_URL, "pasokh_multi") as url:
        yield url


def pasokh(env: dict[str, str], cwd: Path, *argv: str, stdin: str = "") -> None:
    done = subprocess.run([PASOKH, *argv], env=env, cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def cluster_settings() -> dict[str, str]:
    """More environment for both instances (a test module overrides this)."""
    return {}


@pytest.fixture
def cluster(fresh_database: str, redis_url: str, tmp_path: Path,
            cluster_settings: dict[str, str]) -> Iterator[list[Instance]]:
    env = {**os.environ, "DATABASE_URL": fresh_database, "REDIS_URL": redis_url,
           "PASOKH_REDIS_PREFIX": f"pasokh-test-{secrets.token_hex(4)}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": secrets.token_urlsafe(48),
           "PASOKH_LOG_LEVEL": "WARNING", **cluster_settings}
    env.pop("OPENAI_API_KEY", None)
    pasokh(env, tmp_path, "migrate")
    pasokh(env, tmp_path, "create-admin", AGENT, "--password-stdin", stdin=PASSWORD + "\n")
    with ExitStack() as stack:
        instances = [stack.enter_context(serving(env, tmp_path, name)) for name in "ab"]
        yield instances


@contextmanager
def serving(env: dict[str, str], cwd: Path, name: str) -> Iterator[Instance]:
    instance = Instance(free_port(), cwd / f"serve-{name}.log")
    with instance.log.open("w") as log:
        process = subprocess.Popen(
            [PASOKH, "serve", "--host", "127.0.0.1", "--port", str(instance.port)],
            env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            wait_until_up(instance.http, process)
            yield instance
        finally:
            stop(process)
