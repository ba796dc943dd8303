"""Helpers for tests that run `pasokh serve` as a real process."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import pytest

STARTUP_SECONDS = 30
STOP_SECONDS = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(base: str, process: subprocess.Popen[str], path: str = "/chat/api/faqs/"
                  ) -> None:
    """Until `path` answers 200; fails with the server's output if it exits or is slow."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"pasokh serve exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{base}{path}", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("pasokh serve did not start in time")


def stop(*processes: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGTERM every process, then wait; kill what does not stop in time."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
