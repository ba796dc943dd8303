"""Live delivery on one socket: in seq order, each message once, gaps filled from the store.

Pub/sub may repeat, reorder or drop doorbells (Redis does, across instances); the socket
must still show the conversation exactly as stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.memory.read_models import InMemoryReadModels
from application.ports import RecordedEvent
from application.views import MessageView
from domain.session_events import AgentJoined, SessionEscalated, VisitorMessagePosted
from entrypoints.ws.conversation import VisitorConversation

KEY = "order-test-session-key-0123456789"
AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


class RecordingSocket:
    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    async def send_json(self, data: Any, mode: str = "text") -> None:
        self.frames.append(data)

    async def receive(self) -> dict[str, Any]:
        return {"type": "websocket.disconnect"}


def posted(seq: int) -> RecordedEvent:
    event = VisitorMessagePosted(message_id=f"m{seq}", seq=seq, text=f"message {seq}",
                                 client_id=None, at=AT)
    return RecordedEvent(seq, f"session-{KEY}", seq + 1, event, AT)


async def stored_session(count: int) -> InMemoryReadModels:
    read_models = InMemoryReadModels()
    await read_models.add_session(KEY, AT)
    for seq in range(1, count + 1):
        await read_models.add_message(KEY, MessageView(f"m{seq}", seq, "user",
                                                       f"message {seq}", None, None, AT, None))
    return read_models


async def conversation_after(last_seq: int, stored: int) -> tuple[VisitorConversation,
                                                                    RecordingSocket]:
    socket = RecordingSocket()
    conversation = VisitorConversation(socket, KEY, await stored_session(stored), last_seq,
                                       None)
    return conversation, socket


def seqs(socket: RecordingSocket) -> list[int]:
    return [f["message"]["seq"] for f in socket.frames if f["type"] == "message"]


async def test_messages_already_sent_are_not_sent_again() -> None:
    conversation, socket = await conversation_after(last_seq=2, stored=3)
    for seq in (1, 2, 3, 3, 2):
        await conversation.deliver(posted(seq))
    assert seqs(socket) == [3]


async def test_a_gap_is_filled_from_the_store_in_order() -> None:
    conversation, socket = await conversation_after(last_seq=1, stored=5)
    await conversation.deliver(posted(4))
    await conversation.deliver(posted(2))
    await conversation.deliver(posted(5))
    assert seqs(socket) == [2, 3, 4, 5]
    assert conversation.last_seq == 5


async def test_status_changes_become_status_frames() -> None:
    conversation, socket = await conversation_after(last_seq=0, stored=0)
    at = AT
    await conversation.deliver(RecordedEvent(1, f"session-{KEY}", 2,
                                             SessionEscalated(reason="x", at=at), at))
    await conversation.deliver(RecordedEvent(2, f"session-{KEY}", 3,
                                             AgentJoined(agent="sara", at=at), at))
    assert socket.frames == [{"type": "status", "status": "queued", "agent": None},
                             {"type": "status", "status": "with_agent", "agent": "sara"}]
