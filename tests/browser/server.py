"""`pasokh serve` as a real process on a fresh SQLite file, with the sample FAQs seeded."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.servers import free_port, stop

PASOKH = [sys.executable, "-m", "entrypoints"]
STARTUP_SECONDS = 30



@contextmanager
def served_pasokh(workdir: Path, settings: dict[str, str] | None = None) -> Iterator[str]:
    """Migrate, seed, serve; yields the base URL (no trailing slash) and stops the server.
    settings: more environment for it (a model at a fake OpenAI server, say).

    Every visitor of every test comes from 127.0.0.1, one network: the default 20 new
    sessions a minute per address is a limit the suite itself reaches, and so are the 10
    logins a minute per address (admins and the agents they make sign in from fresh browser
    contexts); escalations are not limited unless a test asks (CHAT_ESCALATIONS_PER_ADDRESS)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'browser.db'}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": "browser-tests-secret-" * 3,
           "PASOKH_ENV": "development", "PASOKH_LOG_LEVEL": "WARNING",
           "PASOKH_SESSION_RATE_LIMIT": "1000", "PASOKH_LOGIN_RATE_LIMIT": "1000",
           "CHAT_ESCALATIONS_PER_ADDRESS": "100000",
           **(settings or {})}
    for command in (["migrate"], ["faqs", "seed"]):
        done = subprocess.run([*PASOKH, *command], env=env, cwd=workdir, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, f"pasokh {' '.join(command)} failed:\n{done.stderr}"
    port = free_port()
    log_path = workdir / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*PASOKH, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log_path)
        yield base
    finally:
        stop(process)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pasokh serve exited with {process.returncode}:\n"
                               f"{log_path.read_text()}")
        try:
            if httpx.get(f"{base}/widget.js", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"pasokh serve did not start in time:\n{log_path.read_text()}")
