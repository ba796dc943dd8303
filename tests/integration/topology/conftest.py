"""Two `pasokh serve` processes on one PostgreSQL database and one Redis: the compose
topology without containers (the proxy aside)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.integration.api.test_cli import PASOKH
from tests.servers import free_port, stop

STARTUP_SECONDS = 30
# An agent of this run (the database outlives runs): for the desk through the proxy.
AGENT = f"desk-{secrets.token_hex(3)}"
AGENT_PASSWORD = "topology agent password 7"


@dataclass(frozen=True)
class Instance:
    name: str
    port: int
    process: subprocess.Popen[str]

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


def wait_until_ready(instance: Instance, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            pytest.fail(f"{instance.name} exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{instance.http}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{instance.name} was not ready in time:\n{log.read_text()}")


@pytest.fixture(autouse=True)
def quiet_http_client(caplog: pytest.LogCaptureFixture) -> None:
    """httpx logs each URL at INFO, and history URLs hold whole session keys."""
    caplog.set_level("WARNING", logger="httpx")


@pytest.fixture(scope="module")
def instances(postgres_url: str, redis_url: str,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Instance]]:
    folder = tmp_path_factory.mktemp("topology")
    env = {**os.environ, "DATABASE_URL": postgres_url, "REDIS_URL": redis_url,
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": "topology-test-secret-" * 3,
           # its own keys: rate-limit counters of other runs on this Redis must not count here
           "PASOKH_REDIS_PREFIX": f"pasokh-topology-{secrets.token_hex(4)}"}
    for command in (["migrate"], ["faqs", "seed"], ["create-admin", AGENT, "--password-stdin"]):
        done = subprocess.run([PASOKH, *command], env=env, cwd=folder, capture_output=True,
                              text=True, timeout=120, check=False,
                              input=f"{AGENT_PASSWORD}\n")
        made_by_another_module = "already exists" in done.stderr  # one agent per run
        assert done.returncode == 0 or made_by_another_module, done.stderr
    started: list[Instance] = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = (folder / f"{name}.log").open("w")
            process = subprocess.Popen(
                [sys.executable, "-m", "entrypoints", "serve", "--port", str(port)], env=env,
                cwd=folder, stdout=log, stderr=subprocess.STDOUT, text=True)
            started.append(Instance(name, port, process))
        for instance in started:
            wait_until_ready(instance, folder / f"{instance.name}.log")
        yield started
    finally:
        stop(*(instance.process for instance in started))
