"""After live delivery had a gap (Redis was away), sockets re-read what they missed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.memory.read_models import InMemoryReadModels
from application.ports import RESYNC, Signal
from application.views import MessageView
from entrypoints.ws.agent_desk import AgentDesk
from entrypoints.ws.conversation import VisitorConversation

KEY = "catch-up-session-key-0123456789"
AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
RESYNC_SIGNAL = Signal("*", RESYNC, "server")


class RecordingSocket:
    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    async def send_json(self, data: Any, mode: str = "text") -> None:
        self.frames.append(data)

    async def receive(self) -> dict[str, Any]:
        return {"type": "websocket.disconnect"}


def message(seq: int, sender: str = "user") -> MessageView:
    return MessageView(f"m{seq}", seq, sender, f"message {seq}", None, None, AT, None)


async def stored(status: str, agent: str | None, messages: int) -> InMemoryReadModels:
    read_models = InMemoryReadModels()
    await read_models.add_session(KEY, AT)
    for seq in range(1, messages + 1):
        await read_models.add_message(KEY, message(seq))
    await read_models.set_session_status(KEY, status, agent=agent, reason="visitor_request")
    return read_models


async def test_a_visitor_gets_missed_messages_and_the_new_status() -> None:
    read_models = await stored("with_agent", "sara", 4)
    socket = RecordingSocket()
    conversation = VisitorConversation(socket, KEY, read_models, 2, None, "queued")
    await conversation.deliver(RESYNC_SIGNAL)
    assert [f["message"]["seq"] for f in socket.frames if f["type"] == "message"] == [3, 4]
    assert socket.frames[-1] == {"type": "status", "status": "with_agent", "agent": "sara"}
    await conversation.deliver(RESYNC_SIGNAL)
    assert len(socket.frames) == 3  # nothing new: nothing sent


async def test_an_agent_gets_missed_messages_of_held_chats_and_fresh_lists() -> None:
    read_models = await stored("with_agent", "sara", 2)
    socket = RecordingSocket()
    desk = AgentDesk(socket, "sara", read_models)
    await desk.open(max_chats=5)
    assert socket.frames[0]["active_chats"][0]["last_message"] == "message 2"
    await read_models.add_message(KEY, message(3))
    await desk.pump(OneNotification(RESYNC_SIGNAL))
    sent = {frame["type"]: frame for frame in socket.frames[1:]}
    assert sorted(sent) == ["active_chats", "message"]  # the queue did not change
    assert sent["message"]["message"]["seq"] == 3
    assert sent["active_chats"]["active_chats"][0]["last_message"] == "message 3"


async def test_an_agent_hears_of_a_chat_closed_while_delivery_had_a_gap() -> None:
    read_models = await stored("with_agent", "sara", 2)
    socket = RecordingSocket()
    desk = AgentDesk(socket, "sara", read_models)
    await desk.open(max_chats=5)
    await read_models.set_session_status(KEY, "closed")
    await desk.pump(OneNotification(RESYNC_SIGNAL))
    assert {"type": "status", "session_key": KEY, "status": "closed",
            "agent": "sara"} in socket.frames
    assert desk.held == {}


async def test_an_agent_hears_of_a_chat_handed_on_while_delivery_had_a_gap() -> None:
    """ADR 0047: handed to omid, or put back in the queue, it is sara's no more."""
    for status, agent, unassigned in [("with_agent", "omid", False), ("queued", None, True)]:
        read_models = await stored("with_agent", "sara", 2)
        socket = RecordingSocket()
        desk = AgentDesk(socket, "sara", read_models)
        await desk.open(max_chats=5)
        await read_models.set_session_status(KEY, status, agent=agent, unassigned=unassigned)
        await desk.pump(OneNotification(RESYNC_SIGNAL))
        assert {"type": "status", "session_key": KEY, "status": status,
                "agent": agent} in socket.frames
        assert desk.held == {}


class OneNotification:
    def __init__(self, item: Signal) -> None:
        self._items = [item]

    def __aiter__(self) -> OneNotification:
        return self

    async def __anext__(self) -> Signal:
        if not self._items:
            raise StopAsyncIteration
        return self._items.pop()

    async def close(self) -> None:
        pass
