"""An agent and a visitor talk: messages both ways, typing both ways, and the close."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.container import Container
from entrypoints.ws import typing_gate
from tests.integration.admin.conftest import PASSWORD
from tests.integration.admin.support import Desk, OpenDesk, escalated_visitor, is_a
from tests.integration.api.support import API, Connect, Socket, in_app, is_message_from


@pytest.fixture
def chat(client: TestClient, connect: Connect, desk: OpenDesk) -> tuple[str, Socket, Desk]:
    """A visitor who escalated, and agent sara who joined them."""
    key, visitor = escalated_visitor(client, connect)
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send({"type": "join", "session_key": key})
    sara.expect("joined")
    visitor.receive_until(is_message_from("system"))  # sara joined the conversation
    return key, visitor, sara


def test_messages_go_both_ways_and_each_side_gets_its_echo(
        chat: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = chat
    sara.send({"type": "message", "session_key": key, "text": "  Hello, I am Sara.  ",
               "client_id": "s-1"})
    echo = sara.expect("message", session_key=key)["message"]
    assert (echo["sender"], echo["source"], echo["text"], echo["client_id"], echo["seq"]) == (
        "agent", "agent", "Hello, I am Sara.", "s-1", 4)
    assert echo["agent"] == "sara"  # who wrote it survives a reload of the widget
    assert visitor.receive() == {"type": "message", "message": echo}
    visitor.send({"type": "message", "text": "My card was charged twice"})
    mine = visitor.receive()["message"]
    assert sara.expect("message", session_key=key)["message"] == mine
    assert mine["seq"] == 5 and mine["sender"] == "user"


def test_a_resent_agent_message_is_stored_once_and_acknowledged_again(
        client: TestClient, chat: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = chat
    frame = {"type": "message", "session_key": key, "text": "One moment", "client_id": "s-9"}
    sara.send(frame)
    first = sara.expect("message", session_key=key)
    sara.send(frame)
    assert sara.expect("message", session_key=key) == first
    history = client.get(f"/chat/api/history/{key}/").json()["messages"]
    assert [m["text"] for m in history if m["sender"] == "agent"] == ["One moment"]


def test_only_the_agent_who_joined_may_write_or_type(
        chat: tuple[str, Socket, Desk], desk: OpenDesk) -> None:
    key, _, _ = chat
    reza = desk("reza")
    reza.expect("snapshot")
    for frame in ({"type": "message", "session_key": key, "text": "I can help"},
                  {"type": "typing", "session_key": key},
                  {"type": "close", "session_key": key}):
        reza.send(frame)
        error = reza.expect("error")
        assert (error["code"], error["session_key"]) == ("forbidden", key)


def test_an_empty_or_too_long_agent_message_is_invalid(chat: tuple[str, Socket, Desk]) -> None:
    key, _, sara = chat
    for text in ("   ", "x" * 4001):
        sara.send({"type": "message", "session_key": key, "text": text})
        assert sara.expect("error")["code"] == "invalid"


def test_typing_is_relayed_both_ways_and_not_stored(
        client: TestClient, chat: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = chat
    sara.send({"type": "typing", "session_key": key})
    assert visitor.receive() == {"type": "typing", "sender": "agent"}
    visitor.send({"type": "typing"})
    assert sara.expect("typing") == {"type": "typing", "session_key": key, "sender": "user"}
    history = client.get(f"/chat/api/history/{key}/").json()["messages"]
    assert [m["seq"] for m in history] == [1, 2, 3]


def test_a_flood_of_typing_frames_reaches_the_other_side_once(
        chat: tuple[str, Socket, Desk], monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing is relayed at most once a second per side (typing_gate); the flood is dropped
    without an error, and what follows it arrives as usual."""
    monkeypatch.setattr(typing_gate, "TYPING_INTERVAL_SECONDS", 60.0)  # no second one in time
    key, visitor, sara = chat
    for _ in range(30):
        visitor.send({"type": "typing"})
    visitor.send({"type": "message", "text": "still there?"})
    frames = sara.receive_until(is_a("message", session_key=key), limit=40)
    kinds = [f["type"] for f in frames]  # queue and active_chats frames may interleave
    assert kinds.count("typing") == 1 and kinds.index("typing") < kinds.index("message")
    assert frames[-1]["message"]["text"] == "still there?"
    for _ in range(30):
        sara.send({"type": "typing", "session_key": key})
    sara.send({"type": "message", "session_key": key, "text": "yes"})
    frames = visitor.receive_until(is_message_from("agent"), limit=40)
    kinds = [f["type"] for f in frames]
    assert kinds.count("typing") == 1 and kinds[-1] == "message"
    assert "error" not in kinds + [f["type"] for f in sara.passed_over]


def test_closing_ends_the_conversation_for_both(
        chat: tuple[str, Socket, Desk], desk: OpenDesk) -> None:
    key, visitor, sara = chat
    watcher = desk("reza")
    watcher.expect("snapshot")
    sara.send({"type": "close", "session_key": key})
    assert sara.expect("status", session_key=key) == {
        "type": "status", "session_key": key, "status": "closed", "agent": "sara"}
    assert visitor.receive() == {"type": "status", "status": "closed", "agent": "sara"}
    assert watcher.expect("active_chats")["active_chats"] == []
    visitor.send({"type": "message", "text": "hello?"})
    assert visitor.receive()["code"] == "closed"
    visitor.send({"type": "typing"})
    visitor.send({"type": "message", "text": "anyone?"})
    assert visitor.receive()["code"] == "closed"  # the typing frame went nowhere
    for frame in ({"type": "message", "session_key": key, "text": "one more thing"},
                  {"type": "close", "session_key": key},
                  {"type": "typing", "session_key": key}):
        sara.send(frame)
        assert sara.expect("error")["code"] == "closed"


def test_an_agent_can_read_any_conversation_with_its_reason(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    key, _ = escalated_visitor(client, connect, "شکایت دارم")
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send({"type": "history", "session_key": key})
    history = sara.expect("history")
    assert (history["status"], history["agent"], history["reason"]) == (
        "queued", None, "keyword:شکایت")
    assert [m["text"] for m in history["messages"]][0] == "شکایت دارم"


BAD_FRAMES = [
    ("not json", "invalid"),
    ('{"type": "dance", "session_key": "x"}', "invalid"),
    ('{"type": "join"}', "invalid"),
    ('{"type": "join", "session_key": 5}', "invalid"),
    ('{"type": "message", "session_key": "abcdefghijklmnopqrstuvwxyz"}', "invalid"),
    ('{"type": "message", "session_key": "abcdefghijklmnopqrstuvwxyz", "text": "hi"}',
     "not_found"),
]


@pytest.mark.parametrize(("raw", "code"), BAD_FRAMES)
def test_a_bad_frame_gets_an_error_and_the_socket_keeps_working(
        desk: OpenDesk, raw: str, code: str) -> None:
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send_text(raw)
    assert sara.receive_until(is_a("error"))[-1]["code"] == code
    sara.send({"type": "history", "session_key": "abcdefghijklmnopqrstuvwxyz"})
    assert sara.expect("error")["code"] == "not_found"


def test_visitors_see_an_agents_display_name_never_the_login_name(
        client: TestClient, container: Container, connect: Connect) -> None:
    """A login name shown to every visitor tells an attacker whose password to try."""
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), "bob", PASSWORD, "Roberto K.")
    token = client.post(f"{API}/auth/login/",
                        json={"username": "bob", "password": PASSWORD}).json()["access_token"]
    key, visitor = escalated_visitor(client, connect)
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as socket:
        bob = Desk(socket)
        bob.expect("snapshot")
        bob.send({"type": "join", "session_key": key})
        bob.expect("joined")
        seen = visitor.receive_until(lambda f: f["type"] == "status")
        seen += visitor.receive_until(is_message_from("system"))
        bob.send({"type": "message", "session_key": key, "text": "Hello!", "client_id": "b1"})
        seen += visitor.receive_until(is_message_from("agent"))
    assert seen[-1]["message"]["agent"] == "Roberto K."
    assert any(f["type"] == "status" and f["agent"] == "Roberto K." for f in seen)
    notices = [f["message"]["text"] for f in seen
               if f["type"] == "message" and f["message"]["sender"] == "system"]
    assert "Roberto K. joined the conversation." in notices
    history = client.get(f"{API}/history/{key}/").json()["messages"]
    assert [m["agent"] for m in history if m["sender"] == "agent"] == ["Roberto K."]
    assert "bob" not in json.dumps(seen) + json.dumps(history)
