"""Starting a conversation and reading it back over REST."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.integration.api.support import API, Socket, is_message_from, start_session


@pytest.mark.parametrize("path", ["/sessions/", "/sessions"])
def test_a_visitor_starts_a_session(client: TestClient, path: str) -> None:
    response = client.post(f"{API}{path}")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"session_key", "status", "created_at"}
    assert body["status"] == "bot"
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", body["session_key"])  # >= 192 bits, URL-safe
    created = datetime.fromisoformat(body["created_at"].replace("Z", "+00:00"))
    assert created.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=1)


def test_every_session_gets_its_own_key(client: TestClient) -> None:
    assert len({start_session(client) for _ in range(5)}) == 5


@pytest.mark.parametrize("slash", ["/", ""])
def test_history_holds_the_conversation_oldest_first(client: TestClient, slash: str) -> None:
    key = start_session(client)
    with client.websocket_connect(f"/ws/chat/{key}/") as session:
        socket = Socket(session)
        socket.receive()
        socket.send({"type": "message", "text": "hello", "client_id": "h-1"})
        live = [f["message"] for f in socket.receive_until(is_message_from("bot"))]
    response = client.get(f"{API}/history/{key}{slash}")
    assert response.status_code == 200
    assert response.json() == {"session_key": key, "status": "bot", "messages": live}
    assert [m["seq"] for m in live] == [1, 2]


def test_a_new_session_has_an_empty_history(client: TestClient) -> None:
    key = start_session(client)
    assert client.get(f"{API}/history/{key}/").json() == {
        "session_key": key, "status": "bot", "messages": []}


@pytest.mark.parametrize("key", ["unknown-but-well-formed-key-0123", "short", "x" * 300,
                                 "has%20space"])
def test_an_unknown_session_has_no_history(client: TestClient, key: str) -> None:
    response = client.get(f"{API}/history/{key}/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "not found"}}
