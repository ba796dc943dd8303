"""A visitor escalates while the AI is still drafting an answer: once the socket has said
`queued`, no bot message may follow, whenever the late answer comes back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

from dependency_injector import providers
from fastapi import FastAPI
from fastapi.testclient import TestClient

from application.ports import DraftReply, FAQSuggestion, TextSink, Turn
from entrypoints.app import create_app
from entrypoints.container import Container
from tests.integration.api.support import Socket, start_session

ROUNDS = 12


class HeldResponder:
    """Drafts a confident answer, but only once the test lets it go."""

    def __init__(self) -> None:
        self.released = False
        self.asked = 0
        self.returned = 0

    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None,
                          on_text: TextSink | None = None) -> DraftReply:
        self.asked += 1
        while not self.released:
            await asyncio.sleep(0.002)
        self.returned += 1
        return DraftReply("a late and confident answer", 0.95)


def wait_for(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def frames_after_queued(frames: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    statuses = [i for i, f in enumerate(frames) if f == {"type": "status", "status": "queued",
                                                         "agent": None}]
    assert len(statuses) == 1, frames
    return list(frames[statuses[0] + 1:])


def one_round(client: TestClient, responder: HeldResponder, release_at: int) -> None:
    """release_at: 0 before the escalation is sent, 1 right after, 2 after `queued` is seen."""
    responder.released, responder.asked, responder.returned = False, 0, 0
    key = start_session(client)
    with ExitStack() as stack:
        socket = Socket(stack.enter_context(client.websocket_connect(f"/ws/chat/{key}/")))
        socket.receive()
        socket.send({"type": "message", "text": "does my insurance cover the visit?"})
        wait_for(lambda: responder.asked == 1)
        responder.released = release_at == 0
        socket.send({"type": "message", "text": "I want to talk to a human"})
        responder.released = responder.released or release_at == 1
        frames = [socket.receive()]
        while frames[-1].get("type") != "status":
            frames.append(socket.receive())
        responder.released = True
        wait_for(lambda: responder.returned == 1)
        socket.send({"type": "message", "text": "still there?", "client_id": "last"})
        while (frames[-1].get("message") or {}).get("client_id") != "last":
            frames.append(socket.receive())
    late = [f for f in frames_after_queued(frames) if (f.get("message") or {}).get("sender")
            == "bot"]
    assert late == [], frames


def test_no_bot_frame_follows_the_queued_status(container: Container) -> None:
    responder = HeldResponder()
    container.responder.override(providers.Object(responder))
    app: FastAPI = create_app(container)
    with TestClient(app) as client:
        for round_ in range(ROUNDS):
            one_round(client, responder, round_ % 3)
