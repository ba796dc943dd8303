"""Did this help? and the rating, over the visitor's socket, with what the desk shows."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.admin.support import Desk, OpenDesk, escalated_visitor, is_a
from tests.integration.api.support import API, Connect, Socket, add_faq, start_session


def answered_visitor(client: TestClient, connect: Connect, admin_token: str
                     ) -> tuple[str, Socket, dict[str, Any], dict[str, Any]]:
    """A visitor whose question the FAQ answered: (key, socket, their question, the answer)."""
    add_faq(client, admin_token)
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "how can I book an appointment?", "client_id": "q1"})
    question, answer = socket.receive()["message"], socket.receive()["message"]
    assert answer["sender"] == "bot"
    return key, socket, question, answer


def history(client: TestClient, key: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = client.get(f"{API}/history/{key}/").json()["messages"]
    return messages


def test_feedback_is_acknowledged_and_the_latest_word_counts(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    key, socket, _, answer = answered_visitor(client, connect, admin_token)
    assert answer["helpful"] is None
    socket.send({"type": "feedback", "message_id": answer["id"], "helpful": False})
    assert socket.receive() == {"type": "feedback", "message_id": answer["id"], "helpful": False}
    assert [m["helpful"] for m in history(client, key)] == [None, False]
    socket.send({"type": "feedback", "message_id": answer["id"], "helpful": True})
    assert socket.receive()["helpful"] is True
    assert [m["helpful"] for m in history(client, key)] == [None, True]
    assert connect(key).receive()["messages"][1]["helpful"] is True  # a reload shows it


@pytest.mark.parametrize("frame", [
    {"type": "feedback", "message_id": "no-such-message", "helpful": True},
    {"type": "feedback", "message_id": "QUESTION", "helpful": True},
    {"type": "feedback", "message_id": "ANSWER", "helpful": "yes"},
    {"type": "feedback", "message_id": "ANSWER", "helpful": 1},
    {"type": "feedback", "message_id": "ANSWER"},
    {"type": "feedback", "message_id": 7, "helpful": True},
])
def test_bad_feedback_gets_invalid_naming_its_frame_and_the_socket_goes_on(
        client: TestClient, connect: Connect, admin_token: str, frame: dict[str, Any]) -> None:
    key, socket, question, answer = answered_visitor(client, connect, admin_token)
    ids = {"QUESTION": question["id"], "ANSWER": answer["id"]}
    socket.send({**frame, **({"message_id": ids.get(frame["message_id"], frame["message_id"])}
                             if "message_id" in frame else {})})
    error = socket.receive()
    assert (error["type"], error["code"], error["frame_type"]) == ("error", "invalid", "feedback")
    assert error["message"]
    assert [m["helpful"] for m in history(client, key)] == [None, None]
    socket.send({"type": "message", "text": "thanks", "client_id": "q2"})
    assert socket.receive()["message"]["client_id"] == "q2"


def test_the_desk_sees_feedback_live_and_in_the_conversation(
        client: TestClient, connect: Connect, admin_token: str, desk: OpenDesk) -> None:
    key, socket, _, answer = answered_visitor(client, connect, admin_token)
    sara = desk("sara")
    sara.expect("snapshot")
    socket.send({"type": "feedback", "message_id": answer["id"], "helpful": False})
    socket.receive()
    assert sara.expect("feedback", session_key=key) == {
        "type": "feedback", "session_key": key, "seq": answer["seq"], "helpful": False}
    sara.send({"type": "history", "session_key": key})
    shown = sara.expect("history", session_key=key)
    assert [m["helpful"] for m in shown["messages"]] == [None, False]
    assert shown["rating"] is None


@pytest.fixture
def closed_by_agent(client: TestClient, connect: Connect, desk: OpenDesk
                    ) -> tuple[str, Socket, Desk]:
    """A visitor whose conversation agent sara joined and closed."""
    key, visitor = escalated_visitor(client, connect)
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send({"type": "join", "session_key": key})
    sara.expect("joined")
    visitor.send({"type": "rating", "score": 5})  # too early: still with sara
    error = visitor.receive_until(is_a("error"))[-1]
    assert (error["code"], error["frame_type"]) == ("invalid", "rating")
    sara.send({"type": "close", "session_key": key})
    visitor.receive_until(is_a("status", status="closed"))
    return key, visitor, sara


def test_a_closed_conversation_is_rated_once_and_the_desk_shows_it(
        closed_by_agent: tuple[str, Socket, Desk], connect: Connect) -> None:
    key, visitor, sara = closed_by_agent
    assert connect(key).receive()["rateable"] is True
    visitor.send({"type": "rating", "score": 4, "comment": "  Sara was quick  "})
    assert visitor.receive() == {"type": "rating", "score": 4, "comment": "Sara was quick"}
    rated = sara.expect("rating", session_key=key)["rating"]
    assert (rated["score"], rated["comment"]) == (4, "Sara was quick")
    visitor.send({"type": "rating", "score": 5})
    error = visitor.receive()
    assert (error["code"], error["frame_type"]) == ("invalid", "rating")
    assert "already" in error["message"]
    assert connect(key).receive()["rateable"] is False
    sara.send({"type": "history", "session_key": key})
    shown = sara.expect("history", session_key=key)["rating"]
    assert (shown["score"], shown["comment"]) == (4, "Sara was quick")
    assert shown["rated_at"].endswith(("Z", "+00:00"))


@pytest.mark.parametrize("frame", [
    {"type": "rating", "score": 0}, {"type": "rating", "score": 6},
    {"type": "rating", "score": "5"}, {"type": "rating", "score": 4.5},
    {"type": "rating", "score": True}, {"type": "rating"},
    {"type": "rating", "score": 3, "comment": "x" * 1001},
    {"type": "rating", "score": 3, "comment": 12},
])
def test_a_bad_rating_is_invalid_and_leaves_room_for_a_good_one(
        closed_by_agent: tuple[str, Socket, Desk], frame: dict[str, Any]) -> None:
    _, visitor, _ = closed_by_agent
    visitor.send(frame)
    error = visitor.receive()
    assert (error["type"], error["code"], error["frame_type"]) == ("error", "invalid", "rating")
    visitor.send({"type": "rating", "score": 2})
    assert visitor.receive() == {"type": "rating", "score": 2, "comment": None}


def test_a_conversation_that_never_had_an_agent_cannot_be_rated(
        client: TestClient, connect: Connect) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "rating", "score": 5})
    assert socket.receive()["code"] == "invalid"


def test_flipping_an_answer_without_end_is_rate_limited_and_the_socket_goes_on(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    key, socket, _, answer = answered_visitor(client, connect, admin_token)
    replies = []
    for n in range(11):  # CHAT_RATE_LIMIT is 10 a minute: feedback counts apart from messages
        socket.send({"type": "feedback", "message_id": answer["id"], "helpful": n % 2 == 0})
        replies.append(socket.receive())
    assert [r["type"] for r in replies] == ["feedback"] * 10 + ["error"]
    assert (replies[-1]["code"], replies[-1]["frame_type"]) == ("rate_limited", "feedback")
    assert [m["helpful"] for m in history(client, key)] == [None, False]  # the 10th word
    socket.send({"type": "message", "text": "thanks", "client_id": "q2"})
    assert socket.receive()["message"]["text"] == "thanks"
