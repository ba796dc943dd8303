"""One client_id sent on two sockets of the same session at once is stored once."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.api.support import Socket, start_session

ROUNDS = 20


def echo_of(socket: Socket, client_id: str) -> dict[str, Any]:
    """The visitor message with this client_id, skipping frames about other messages."""
    for _ in range(10):
        frame = socket.receive()
        message = frame.get("message") or {}
        if frame["type"] == "message" and message.get("client_id") == client_id:
            return dict(message)
    raise AssertionError(f"no echo of {client_id}")


def test_the_same_client_id_on_two_sockets_is_stored_once(client: TestClient) -> None:
    for round_ in range(ROUNDS):
        key = start_session(client)
        client_id = f"twice-{round_}"
        frame = {"type": "message", "text": "are you open on friday?", "client_id": client_id}
        with ExitStack() as sockets:
            def connect(url: str = f"/ws/chat/{key}/") -> Socket:
                return Socket(sockets.enter_context(client.websocket_connect(url)))

            first, second = connect(), connect()
            first.receive(), second.receive()
            first.send(frame)
            second.send(frame)
            echoes = [echo_of(first, client_id), echo_of(second, client_id)]
            assert (echoes[0]["id"], echoes[0]["seq"]) == (echoes[1]["id"], echoes[1]["seq"])
            messages = connect().receive()["messages"]
        stored = [m for m in messages if m["sender"] == "user"]
        assert [m["client_id"] for m in stored] == [client_id], messages
