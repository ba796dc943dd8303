"""An admin on instance A disables an agent whose desk is open on instance B: B closes the
socket with 4401 at once, and B refuses the agent's token from then on."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.integration.api.test_serve import receive
from tests.integration.multi_instance.conftest import AGENT, PASSWORD, Instance

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
OMID_PASSWORD = "omid's own long password"


async def test_disabling_an_agent_on_one_instance_closes_their_desk_on_the_other(
        cluster: list[Instance]) -> None:
    a, b = cluster
    async with httpx.AsyncClient() as http:
        login = await http.post(f"{a.http}/chat/api/auth/login/",
                                json={"username": AGENT, "password": PASSWORD})
        admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
        created = await http.post(f"{a.http}/chat/api/admin/agents/", headers=admin, json={
            "username": "omid", "password": OMID_PASSWORD, "role": "agent"})
        assert created.status_code == 201, created.text
        omid = (await http.post(f"{b.http}/chat/api/auth/login/", json={
            "username": "omid", "password": OMID_PASSWORD})).json()["access_token"]

        async with connect(f"{b.ws}/ws/admin/chat/?token={omid}") as desk:
            snapshot = await receive(desk)
            assert (snapshot["type"], snapshot["role"]) == ("snapshot", "agent")
            disabled = await http.patch(f"{a.http}/chat/api/admin/agents/omid/", headers=admin,
                                        json={"active": False})
            assert disabled.status_code == 200
            with pytest.raises(ConnectionClosed) as closed:
                async with asyncio.timeout(5):
                    while True:
                        await receive(desk)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401

        refused = await http.get(f"{b.http}/chat/api/admin/queue/",
                                 headers={"Authorization": f"Bearer {omid}"})
        assert refused.status_code == 401
