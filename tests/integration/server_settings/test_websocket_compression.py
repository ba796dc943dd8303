"""`pasokh serve` offers no permessage-deflate unless PASOKH_WS_COMPRESSION asks for it
(ADR 0021: compression keeps two zlib streams alive for every socket). Real processes."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

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


async def negotiated_extensions(address: str) -> str | None:
    key = httpx.post(f"http://{address}/chat/api/sessions/").json()["session_key"]
    # the client offers permessage-deflate, as browsers do
    async with connect(f"ws://{address}/ws/chat/{key}/", compression="deflate") as ws:
        assert json.loads(await ws.recv())["type"] == "session"
        assert ws.response is not None
        return ws.response.headers.get("Sec-WebSocket-Extensions")


def test_sockets_are_not_compressed_by_default(serve: Callable[..., str]) -> None:
    assert asyncio.run(negotiated_extensions(serve())) is None


def test_compression_can_be_turned_on(serve: Callable[..., str]) -> None:
    extensions = asyncio.run(negotiated_extensions(serve(PASOKH_WS_COMPRESSION="true")))
    assert extensions is not None and "permessage-deflate" in extensions
