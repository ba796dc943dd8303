"""An instance killed with SIGKILL closes nothing: its agents stay in the shared presence
until their time to live runs out, then every other instance sees them offline (ADR 0046)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import httpx
import pytest
from bench.chaos.cluster import PASSWORD, Cluster, environment, run
from websockets.asyncio.client import connect

from tests.integration.api.test_serve import receive

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
TTL_SECONDS = 2


async def test_a_killed_instances_agents_go_offline_after_the_ttl(
        fresh_database: str, redis_url: str, tmp_path: Path) -> None:
    env = environment(fresh_database, redis_url,
                      {"PASOKH_PRESENCE_TTL_SECONDS": str(TTL_SECONDS)})
    run(env, tmp_path, "migrate")
    run(env, tmp_path, "create-admin", "sara", "--password-stdin", stdin=PASSWORD + "\n")
    async with Cluster(env, tmp_path) as cluster, httpx.AsyncClient(timeout=5) as http:
        a, b = cluster.instances
        token = (await http.post(f"{a.http}/chat/api/auth/login/", json={
            "username": "sara", "password": PASSWORD})).json()["access_token"]
        admin = {"Authorization": f"Bearer {token}"}

        async def status_on_a() -> str:
            listed = (await http.get(f"{a.http}/chat/api/admin/agents/", headers=admin)).json()
            return str(listed[0]["status"])

        desk = await connect(f"{b.ws}/ws/admin/chat/?token={token}")
        assert (await receive(desk))["type"] == "snapshot"
        assert await status_on_a() == "online"
        b.kill()  # no socket closed, no presence taken off: only the TTL can
        for _ in range(100):  # waits for the TTL (2 s) and a beat of A; bounded for a hang
            if await status_on_a() == "offline":
                break
            await asyncio.sleep(0.1)
        assert await status_on_a() == "offline"
        with contextlib.suppress(Exception):
            await desk.close()
