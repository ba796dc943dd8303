"""`pasokh serve` offers no permessage-deflate unless PASOKH_WS_COMPRESSION asks for it
(ADR 0021: compression keeps two zlib streams alive for every socket). Real processes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
from websockets.asyncio.client import connect


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
