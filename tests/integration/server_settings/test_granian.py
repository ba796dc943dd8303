"""`pasokh serve` on Granian (PASOKH_SERVER=granian, ADR 0036): evaluated beside uvicorn
and kept selectable; the same app answers REST and both sockets. What Granian does not do
(1009 from a frame header, permessage-deflate, 1012 on SIGTERM) is in the ADR."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


def test_granian_serves_rest_and_both_sockets(serve: Callable[..., str]) -> None:
    address = serve(PASOKH_SERVER="granian")
    assert httpx.get(f"http://{address}/chat/api/faqs/").status_code == 200
    key = httpx.post(f"http://{address}/chat/api/sessions/").json()["session_key"]

    async def chat() -> int | None:
        async with connect(f"ws://{address}/ws/chat/{key}/") as ws:
            assert json.loads(await ws.recv())["type"] == "session"
            await ws.send(json.dumps({"type": "message", "text": "hello there"}))
            echo = json.loads(await ws.recv())
            assert echo["type"] == "message" and echo["message"]["text"] == "hello there"
            await ws.send("{not json")
            kinds = [json.loads(await ws.recv())["type"] for _ in range(2)]  # the bot's reply,
            assert "error" in kinds  # and the refusal of the bad frame; the socket goes on
        with pytest.raises(ConnectionClosed) as closed:
            async with connect(f"ws://{address}/ws/admin/chat/?token=nonsense") as desk:
                await desk.recv()
        assert closed.value.rcvd is not None
        return closed.value.rcvd.code

    assert asyncio.run(chat()) == 4401


def test_an_unknown_server_is_refused_at_start_up() -> None:
    from pydantic import ValidationError

    from entrypoints.settings import Settings

    with pytest.raises(ValidationError):
        Settings(_env_file=None, server="hypercorn")  # type: ignore[call-arg]
