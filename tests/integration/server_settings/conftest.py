"""`pasokh serve` in a real process, with the settings a test gives."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, stop, wait_until_up

PASOKH = str(Path(sys.executable).parent / "pasokh")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., str]]:
    started: list[subprocess.Popen[str]] = []

    def start(**settings: str) -> str:
        port = free_port()
        env = {**os.environ, "PASOKH_STORAGE": "memory", **settings}
        for name in ("REDIS_URL", "OPENAI_API_KEY", *(() if settings else
                                                      ("PASOKH_WS_COMPRESSION",))):
            env.pop(name, None)
        process = subprocess.Popen(
            [PASOKH, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(process)
        wait_until_up(f"http://127.0.0.1:{port}", process)
        return f"127.0.0.1:{port}"

    yield start
    stop(*started)
