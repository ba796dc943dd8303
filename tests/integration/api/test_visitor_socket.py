"""The visitor socket: history on connect, echo as acknowledgement, answers, bad frames."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from application.commands import CloseSession
from entrypoints.container import Container
from tests.integration.api.support import Connect, add_faq, in_app, is_message_from, start_session


def test_a_new_session_frame_has_no_messages(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    frame = connect(key).receive()
    assert frame == {"type": "session", "session_key": key, "status": "bot", "messages": [],
                     "rateable": False}


def test_the_path_without_trailing_slash_works_too(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key, slash="")
    assert socket.receive()["type"] == "session"


def test_a_question_in_the_faq_is_echoed_then_answered(connect: Connect, client: TestClient,
                                                       admin_token: str) -> None:
    faq = add_faq(client, admin_token)
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "  how can I book an appointment?  ",
                 "client_id": "c-1"})
    echo, answer = socket.receive(), socket.receive()
    assert echo["type"] == "message"
    assert echo["message"]["sender"] == "user"
    assert echo["message"]["text"] == "how can I book an appointment?"
    assert echo["message"]["client_id"] == "c-1"
    assert echo["message"]["seq"] == 1
    assert echo["message"]["created_at"].endswith(("Z", "+00:00"))
    assert answer["message"] | {"id": None, "created_at": None} == {
        "id": None, "seq": 2, "sender": "bot", "text": faq["answer"], "source": "faq",
        "faq_id": faq["id"], "created_at": None, "client_id": None, "agent": None,
        "suggestions": [], "citations": [], "helpful": None}


def test_after_seq_replays_only_what_the_client_missed(
        connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    for text in ("first question", "second question"):
        socket.send({"type": "message", "text": text})
        socket.receive_until(is_message_from("bot"))
    full = connect(key).receive()
    assert [m["seq"] for m in full["messages"]] == [1, 2, 3, 4]
    replay = connect(key, "?after_seq=2").receive()
    assert replay["messages"] == full["messages"][2:]
    assert connect(key, "?after_seq=4").receive()["messages"] == []


@pytest.mark.parametrize("after_seq", ["abc", "-3", "1.5"])
def test_an_unreadable_after_seq_means_the_whole_history(connect: Connect, client: TestClient,
                                                         after_seq: str) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "hello"})
    socket.receive_until(is_message_from("bot"))
    frame = connect(key, f"?after_seq={after_seq}").receive()
    assert [m["seq"] for m in frame["messages"]] == [1, 2]


def test_a_resent_client_id_is_acknowledged_and_stored_once(
        connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "is anyone there?", "client_id": "once"})
    first = socket.receive_until(is_message_from("bot"))[0]
    socket.send({"type": "message", "text": "is anyone there?", "client_id": "once"})
    assert socket.receive() == first
    history = client.get(f"/chat/api/history/{key}/").json()["messages"]
    assert [m["client_id"] for m in history if m["sender"] == "user"] == ["once"]


def test_a_resend_after_reconnecting_is_acknowledged(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "hello?", "client_id": "r-1"})
    echo = socket.receive_until(is_message_from("bot"))[0]
    again = connect(key, "?after_seq=2")
    again.receive()
    again.send({"type": "message", "text": "hello?", "client_id": "r-1"})
    assert again.receive() == echo


BAD_FRAMES = [
    ("not json at all", "invalid"),
    ('["a", "list"]', "invalid"),
    ('"just a string"', "invalid"),
    ('{"type": "dance"}', "invalid"),
    ('{"text": "no type"}', "invalid"),
    ('{"type": "message"}', "invalid"),
    ('{"type": "message", "text": 42}', "invalid"),
    ('{"type": "message", "text": "   "}', "invalid"),
    ('{"type": "message", "text": "' + "x" * 4001 + '"}', "invalid"),
    ('{"type": "message", "text": "hi", "client_id": 7}', "invalid"),
    ('{"type": "message", "text": "' + "x" * 70000 + '"}', "too_large"),
    # valid JSON grammar, but no Unicode text: it could never be sent back out, and
    # stored it would break every later view of the conversation
    ('{"type": "message", "text": "lone \\ud800 surrogate"}', "invalid"),
    ('{"type": "message", "text": "hi", "client_id": "\\udfff"}', "invalid"),
    ('{"type": "message", "text": NaN}', "invalid"),
]


@pytest.mark.parametrize(("raw", "code"), BAD_FRAMES)
def test_a_bad_frame_gets_an_error_and_the_socket_keeps_working(
        connect: Connect, client: TestClient, raw: str, code: str) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send_text(raw)
    error = socket.receive()
    assert error["type"] == "error"
    assert error["code"] == code
    assert error["message"]
    socket.send({"type": "message", "text": "still there?"})
    assert socket.receive()["message"]["text"] == "still there?"
    history = client.get(f"/chat/api/history/{key}/").json()["messages"]
    assert [m["text"] for m in history if m["sender"] == "user"] == ["still there?"]


def test_the_longest_persian_message_fits_even_with_escaped_json(
        connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    text = ("سلام " * 800).strip()
    raw = json.dumps({"type": "message", "text": text})  # \uXXXX escapes: over 16 KiB
    assert len(raw.encode()) > 16 * 1024
    socket.send_text(raw)
    assert socket.receive()["message"]["text"] == text


def test_error_messages_name_the_field(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "x" * 4001})
    assert socket.receive()["message"].startswith("text")
    socket.send({"type": "message", "text": "hi", "client_id": ["x"]})
    assert socket.receive()["message"].startswith("client_id")


def test_binary_frames_and_typing(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "typing"})  # not stored, no answer
    socket.send_bytes(b'{"type": "message", "text": "hi"}')
    assert socket.receive()["code"] == "invalid"


@pytest.mark.parametrize("key", ["unknown-but-well-formed-key-0123", "bad", "a" * 300])
def test_an_unknown_or_malformed_session_is_closed_with_4404(connect: Connect, client: TestClient,
                                                              key: str) -> None:
    socket = connect(key)
    with pytest.raises(WebSocketDisconnect) as closed:
        socket.receive()
    assert closed.value.code == 4404


def test_a_closed_session_refuses_messages(
        connect: Connect, client: TestClient, container: Container) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    in_app(client, container.bus().handle, CloseSession(key, "agent-1"))
    assert socket.receive() == {"type": "status", "status": "closed", "agent": None}
    socket.send({"type": "message", "text": "hello?"})
    assert socket.receive()["code"] == "closed"
    socket.send({"type": "message", "text": "anyone?"})
    assert socket.receive()["code"] == "closed"
    assert connect(key).receive()["status"] == "closed"


def test_an_escalation_keyword_queues_the_session(connect: Connect, client: TestClient) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "مشکل با پرداخت دارم"})
    echo, status, notice = socket.receive(), socket.receive(), socket.receive()
    assert echo["message"]["sender"] == "user"
    assert status == {"type": "status", "status": "queued", "agent": None}
    assert notice["message"]["sender"] == "system"
    assert notice["message"]["source"] == "system"
    assert notice["message"]["seq"] == 2
    assert client.get(f"/chat/api/history/{key}").json()["status"] == "queued"
