"""Servers under test: started here (--spawn) or already running, and their memory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

PASOKH = str(Path(sys.executable).parent / "pasokh")
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Server:
    name: str
    url: str  # ws://host:port
    pid: int | None

    @property
    def http(self) -> str:
        return "http" + self.url.removeprefix("ws")

    def rss_kib(self) -> int:
        """Resident memory of the server process, from /proc (Linux)."""
        if self.pid is None:
            raise SystemExit(f"the {self.name} server's pid is needed to measure its memory")
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS in /proc status")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start:\n{log.read_text()}")


@contextmanager
def spawned(name: str, command: list[str], env: dict[str, str], folder: Path) -> Iterator[Server]:
    port = free_port()
    log = folder / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen([*command, "--port", str(port)], env=env, cwd=folder,
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process, log)
        yield Server(name, f"ws://127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def reference_server(folder: Path, name: str = "reference",
                     options: dict[str, Any] | None = None) -> Iterator[Server]:
    """The bare reference under uvicorn: its defaults, or these uvicorn.run() keywords."""
    script = str(Path(__file__).with_name("reference.py"))  # needs nothing but uvicorn
    settings = [part for key, value in (options or {}).items()
                for part in ("--option", f"{key}={json.dumps(value)}")]
    with spawned(name, [sys.executable, script, *settings],
                 dict(os.environ), folder) as server:
        yield server


@contextmanager
def pasokh_server(folder: Path, database_url: str | None,
                  redis_url: str | None) -> Iterator[Server]:
    """`pasokh serve` on a temporary SQLite file (or database_url), sample FAQs seeded, and
    the limits lifted: every benchmark visitor comes from one address and talks non-stop."""
    env = {**os.environ, "DATABASE_URL": database_url or f"sqlite:///{folder / 'bench.db'}",
           "PASOKH_STORAGE": "auto", "CHAT_RATE_LIMIT": "1000000",
           "PASOKH_SESSION_RATE_LIMIT": "1000000", "PASOKH_MAX_SOCKETS_PER_ADDRESS": "1000000",
           "PASOKH_LOG_LEVEL": "WARNING",
           "PASOKH_ENV": "production", "REDIS_URL": redis_url or "", "OPENAI_API_KEY": ""}
    for step in (["migrate"], ["faqs", "seed"]):
        subprocess.run([PASOKH, *step], env=env, cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
    with spawned("pasokh", [PASOKH, "serve"], env, folder) as server:
        yield server


@contextmanager
def scratch_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pasokh-ws-load-") as folder:
        yield Path(folder)
