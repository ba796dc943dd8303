"""A visitor on instance A and an agent on instance B talk in real time, through Redis,
over one PostgreSQL database: the whole conversation, both ways, typing included."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.integration.api.test_serve import receive
from tests.integration.multi_instance.conftest import AGENT, PASSWORD, Instance

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
Frame = dict[str, Any]


class Peer:
    """One side of the conversation: every frame it receives, in arrival order."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.frames: list[Frame] = []

    async def send(self, frame: Frame) -> None:
        await self.socket.send(json.dumps(frame))

    async def until(self, kind: str, **fields: Any) -> Frame:
        for _ in range(30):
            frame = await receive(self.socket)
            self.frames.append(frame)
            if frame["type"] == kind and all(frame.get(k) == v for k, v in fields.items()):
                return frame
        raise AssertionError(f"no {kind} frame with {fields} in {self.frames}")

    async def until_message(self, sender: str, text: str) -> Frame:
        for _ in range(30):
            message = (await self.until("message"))["message"]
            if (message["sender"], message["text"]) == (sender, text):
                return message
        raise AssertionError(f"no message {text!r} from {sender} in {self.frames}")

    def messages(self) -> list[Frame]:
        return [f["message"] for f in self.frames if f["type"] == "message"]


async def test_a_visitor_on_one_instance_and_an_agent_on_another_talk_live(
        cluster: list[Instance]) -> None:
    a, b = cluster
    async with httpx.AsyncClient() as http:
        key = (await http.post(f"{a.http}/chat/api/sessions/")).json()["session_key"]
        login = await http.post(f"{b.http}/chat/api/auth/login/",
                                json={"username": AGENT, "password": PASSWORD})
        token = login.json()["access_token"]

    async with connect(f"{a.ws}/ws/chat/{key}/") as visitor_socket:
        visitor = Peer(visitor_socket)
        assert (await visitor.until("session"))["messages"] == []
        await visitor.send({"type": "message", "text": "I want to talk to a human",
                            "client_id": "v-1"})
        assert await visitor.until("status") == {"type": "status", "status": "queued",
                                                 "agent": None}
        assert (await visitor.until("queue"))["position"] == 1

        async with connect(f"{b.ws}/ws/admin/chat/?token={token}") as agent_socket:
            agent = Peer(agent_socket)
            snapshot = await agent.until("snapshot")
            assert [(e["session_key"], e["reason"]) for e in snapshot["queue"]] == [
                (key, "visitor_request")]
            await agent.send({"type": "join", "session_key": key})
            joined = await agent.until("joined", session_key=key)
            assert (joined["reason"], [m["text"] for m in joined["messages"]][0]) == (
                "visitor_request", "I want to talk to a human")
            assert (await visitor.until("status"))["agent"] == AGENT

            await agent.send({"type": "typing", "session_key": key})
            assert await visitor.until("typing") == {"type": "typing", "sender": "agent"}
            await visitor.send({"type": "typing"})
            assert (await agent.until("typing"))["sender"] == "user"

            await agent.send({"type": "message", "session_key": key, "text": "Hello from B"})
            echo = await agent.until_message("agent", "Hello from B")
            assert await visitor.until_message("agent", "Hello from B") == echo
            await visitor.send({"type": "message", "text": "Thanks, from A"})
            mine = await visitor.until_message("user", "Thanks, from A")
            assert await agent.until_message("user", "Thanks, from A") == mine
            await agent.send({"type": "close", "session_key": key})
            assert (await agent.until("status", session_key=key))["status"] == "closed"
        assert (await visitor.until("status"))["status"] == "closed"
        await visitor.send({"type": "message", "text": "still there?"})
        assert (await visitor.until("error"))["code"] == "closed"

    async with httpx.AsyncClient() as http:
        history = (await http.get(f"{a.http}/chat/api/history/{key}/")).json()["messages"]
    seen = visitor.messages()
    assert seen == history  # everything, in order, once
    assert [m["seq"] for m in seen] == list(range(1, len(history) + 1))
    assert [(m["sender"], m["text"]) for m in seen if m["sender"] != "system"] == [
        ("user", "I want to talk to a human"), ("agent", "Hello from B"),
        ("user", "Thanks, from A")]
