"""Real `pasokh serve` processes for chaos runs: prepared on a fresh PostgreSQL database,
each on a fixed port so a killed one comes back where clients look for it."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import httpx

PASOKH = str(Path(sys.executable).parent / "pasokh")
STARTUP_SECONDS = 30.0
STOP_SECONDS = 15.0
PASSWORD = "a long enough password for chaos"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def fresh_database(admin_url: str, prefix: str = "pasokh_chaos") -> Iterator[str]:
    """A new, empty database next to `admin_url`'s, dropped afterwards (servers and all)."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, redis_url: str | None,
                extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """What every instance shares; the limits meant for the open internet are lifted, since
    all the chaos clients come from one address and talk non-stop."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url or "",
           "PASOKH_REDIS_PREFIX": f"pasokh-chaos-{secrets.token_hex(4)}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": secrets.token_urlsafe(48),
           "PASOKH_LOG_LEVEL": "WARNING", "CHAT_RATE_LIMIT": "1000000",
           "PASOKH_SESSION_RATE_LIMIT": "1000000", "PASOKH_LOGIN_RATE_LIMIT": "1000000",
           "PASOKH_MAX_SOCKETS_PER_ADDRESS": "1000000", "CHAT_AGENT_MAX_CHATS": "1000",
           "OPENAI_API_KEY": ""}
    env.update(extra or {})
    return env


def prepare(env: Mapping[str, str], folder: Path, agents: list[str]) -> None:
    """Schema, the sample FAQs (the visitors ask them), one account per agent."""
    run(env, folder, "migrate")
    run(env, folder, "faqs", "seed")
    for agent in agents:
        run(env, folder, "create-admin", agent, "--password-stdin", stdin=PASSWORD + "\n")


def faq_questions() -> list[str]:
    """The seeded catalog's questions, less those that would hand the visitor to a person."""
    from domain.escalation import EscalationPolicy

    catalog = json.loads(resources.files("entrypoints.seed").joinpath("clinic_faqs.json")
                         .read_text("utf-8"))
    policy = EscalationPolicy()
    return [item["question"] for item in catalog if policy.reason_for(item["question"]) is None]


def run(env: Mapping[str, str], folder: Path, *argv: str, stdin: str = "") -> None:
    done = subprocess.run([PASOKH, *argv], env=dict(env), cwd=folder, input=stdin, text=True,
                          capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pasokh {' '.join(argv)} failed:\n{done.stdout}{done.stderr}")


@dataclass
class Instance:
    name: str
    port: int
    env: dict[str, str]
    folder: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0
    kills: int = 0
    downtime: list[float] = field(default_factory=list)

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def start(self) -> None:
        log = (self.folder / f"serve-{self.name}.log").open("ab")
        self.process = subprocess.Popen(
            [PASOKH, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.starts += 1
        await self._until_up()

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, in-flight work dies with the process."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    async def _until_up(self) -> None:
        assert self.process is not None
        deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
        async with httpx.AsyncClient(timeout=1) as http:
            while asyncio.get_running_loop().time() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"instance {self.name} exited with "
                                       f"{self.process.returncode}; see its log in {self.folder}")
                try:
                    if (await http.get(f"{self.http}/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"instance {self.name} did not start in {STARTUP_SECONDS} s")


class Cluster:
    """Instances sharing one environment (database, Redis prefix, secret key)."""

    def __init__(self, env: dict[str, str], folder: Path, names: str = "ab") -> None:
        self.instances = [Instance(name, free_port(), env, folder) for name in names]

    async def __aenter__(self) -> Cluster:
        await asyncio.gather(*(instance.start() for instance in self.instances))
        return self

    async def __aexit__(self, *_: object) -> None:
        for instance in self.instances:
            instance.stop()


Outcome = TypeVar("Outcome")


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """The options every chaos script takes: a seed, where logs go, which servers."""
    parser.add_argument("--seed", type=int)
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    parser.add_argument("--postgres", default=os.environ.get(
        "PASOKH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="an existing database; the run creates and drops one of its own beside it")
    parser.add_argument("--redis", default=os.environ.get(
        "PASOKH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))


def run_in_scratch(args: argparse.Namespace, prefix: str,
                   run: Callable[[str, str, Path], Coroutine[Any, Any, Outcome]]) -> Outcome:
    """run(database_url, redis_url, folder) on a database of its own, dropped afterwards,
    with the servers' logs in --logs or a temporary folder."""
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch, \
            fresh_database(args.postgres) as database_url:
        folder = args.logs or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        return asyncio.run(run(database_url, args.redis, folder))
