"""Presence across two real instances (ADR 0046): an agent's desk open on instance B makes a
visitor on instance A hear that someone can answer, and the team list on A shows the agent's
status as they set it on B; closing the desk takes them offline everywhere."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.integration.api.test_serve import receive
from tests.integration.multi_instance.conftest import AGENT, PASSWORD, Instance

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


async def queue_frame(instance: Instance, http: httpx.AsyncClient) -> dict[str, Any]:
    key = (await http.post(f"{instance.http}/chat/api/sessions/")).json()["session_key"]
    async with connect(f"{instance.ws}/ws/chat/{key}/") as visitor:
        await receive(visitor)
        await visitor.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
        while (frame := await receive(visitor))["type"] != "queue":
            pass
    return frame


async def test_a_desk_on_one_instance_is_presence_on_the_other(cluster: list[Instance]) -> None:
    a, b = cluster
    async with httpx.AsyncClient(timeout=10) as http:
        token = (await http.post(f"{a.http}/chat/api/auth/login/", json={
            "username": AGENT, "password": PASSWORD})).json()["access_token"]
        admin = {"Authorization": f"Bearer {token}"}

        async def status_on_a() -> str:
            listed = (await http.get(f"{a.http}/chat/api/admin/agents/", headers=admin)).json()
            return str(listed[0]["status"])

        assert (await queue_frame(a, http))["offline"] is True  # nobody anywhere
        async with connect(f"{b.ws}/ws/admin/chat/?token={token}") as desk:
            assert (await receive(desk))["type"] == "snapshot"
            assert await status_on_a() == "online"
            assert (await queue_frame(a, http))["offline"] is False

            await desk.send(json.dumps({"type": "availability", "status": "away"}))
            while (await receive(desk))["type"] != "availability":
                pass
            assert await status_on_a() == "away"
            assert (await queue_frame(a, http))["offline"] is True  # away answers nobody

        for _ in range(100):  # the closed socket is taken off by B once it hears the close
            if await status_on_a() == "offline":
                break
            await asyncio.sleep(0.05)
        assert await status_on_a() == "offline"
