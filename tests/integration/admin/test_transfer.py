"""Transfer and return over the agents' socket (ADR 0047): the conversation goes to a
colleague (or back to the head of the queue), the desks it left and reached are told, the
visitor hears it in their language with the new agent's display name, and refusals keep the
contract's error shape on a socket that stays usable."""

from __future__ import annotations

from functools import partial

import pytest
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.container import Container
from tests.integration.admin.conftest import PASSWORD
from tests.integration.admin.support import Desk, Frame, OpenDesk, escalated_visitor, is_a
from tests.integration.api.support import (
    API,
    Connect,
    Socket,
    bearer,
    in_app,
    is_message_from,
)


def colleague(client: TestClient, container: Container, desk: OpenDesk, username: str,
              display_name: str, role: str = "agent") -> Desk:
    """An agent of the given role and display name, with the desk open."""
    in_app(client, partial(register_agent, role=role), container.agent_accounts(),
           container.password_hasher(), container.clock(), username, PASSWORD, display_name)
    token = client.post(f"{API}/auth/login/", json={"username": username,
                                                    "password": PASSWORD}).json()
    opened = desk(username, f"?token={token['access_token']}")
    opened.expect("snapshot")
    return opened


@pytest.fixture
def held(client: TestClient, connect: Connect, desk: OpenDesk,
         container: Container) -> tuple[str, Socket, Desk]:
    """A Persian visitor who escalated, and agent sara (not an admin) who joined them."""
    key, visitor = escalated_visitor(client, connect, "با یک کارشناس صحبت کنم")
    sara = colleague(client, container, desk, "sara", "سارا")
    sara.send({"type": "join", "session_key": key})
    sara.expect("joined")
    visitor.receive_until(is_message_from("system"))
    return key, visitor, sara


def test_a_colleague_takes_over_and_the_visitor_is_told_in_persian(
        client: TestClient, container: Container, desk: OpenDesk,
        held: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = held
    omid = colleague(client, container, desk, "omid", "امید")
    sara.send({"type": "transfer", "session_key": key, "to": "omid"})
    told = {"type": "transferred", "session_key": key, "from": "sara", "to": "omid",
            "by": "sara"}
    assert sara.expect("transferred") == told
    assert omid.expect("transferred") == told
    chats = omid.expect("active_chats")["active_chats"]
    assert [(chat["session_key"], chat["agent"]) for chat in chats] == [(key, "omid")]

    frames = visitor.receive_until(is_message_from("system"))
    assert frames[-1]["message"]["text"] == "گفتگوی شما به امید سپرده شد."
    assert {"type": "status", "status": "with_agent", "agent": "امید"} in frames

    visitor.send({"type": "message", "text": "سلام امید"})
    mine = omid.expect("message", session_key=key)["message"]
    assert (mine["sender"], mine["text"]) == ("user", "سلام امید")
    sara.expect("active_chats", active_chats=[
        chat | {"last_message": "سلام امید"} for chat in chats])
    assert not [f for f in sara.passed_over if f["type"] == "message"]  # hers no more

    omid.send({"type": "message", "session_key": key, "text": "در خدمتم"})
    assert omid.expect("message", session_key=key)["message"]["text"] == "در خدمتم"
    sara.send({"type": "message", "session_key": key, "text": "still mine?"})
    assert sara.expect("error")["code"] == "forbidden"


def test_back_to_the_head_of_the_queue_ahead_of_those_waiting(
        client: TestClient, connect: Connect, held: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = held
    waiting, _ = escalated_visitor(client, connect)
    queue_becomes(sara, [waiting])
    sara.send({"type": "transfer", "session_key": key, "to": None})
    assert sara.expect("transferred") == {"type": "transferred", "session_key": key,
                                          "from": "sara", "to": None, "by": "sara"}
    queue_becomes(sara, [key, waiting])
    frames = visitor.receive_until(is_a("queue"))
    notice = next(f["message"] for f in frames if f["type"] == "message")
    assert "ابتدای صف" in notice["text"]
    assert {"type": "status", "status": "queued", "agent": None} in frames
    assert frames[-1]["position"] == 1
    token = client.post(f"{API}/auth/login/", json={"username": "sara",
                                                    "password": PASSWORD}).json()
    queue = client.get(f"{API}/admin/queue/", headers=bearer(token["access_token"]))
    assert [entry["session_key"] for entry in queue.json()] == [key, waiting]


def test_refusals_keep_the_socket_usable(
        client: TestClient, container: Container, connect: Connect, desk: OpenDesk,
        held: tuple[str, Socket, Desk]) -> None:
    key, _, sara = held
    reza = colleague(client, container, desk, "reza", "Reza")
    in_app(client, partial(register_agent, role="agent"), container.agent_accounts(),
           container.password_hasher(), container.clock(), "away", PASSWORD, "Away")
    for _ in range(2):  # reza holds as many as allowed
        other, _ = escalated_visitor(client, connect)
        reza.send({"type": "join", "session_key": other})
        reza.expect("joined", session_key=other)
    cases = [
        ({"to": "nobody"}, "not_found"),
        ({"to": "away"}, "agent_offline"),  # registered, no desk open
        ({"to": "reza"}, "too_many_chats"),
        ({}, "invalid"),  # `to` is required, null for the queue
        ({"to": ""}, "invalid"),
    ]
    for fields, code in cases:
        sara.send({"type": "transfer", "session_key": key} | fields)
        error = sara.expect("error")
        assert error["code"] == code, error
        assert "Traceback" not in error["message"]
    reza.send({"type": "transfer", "session_key": key, "to": None})
    assert reza.expect("error", session_key=key)["code"] == "forbidden"
    sara.send({"type": "close", "session_key": key})
    sara.expect("status", session_key=key, status="closed")
    sara.send({"type": "transfer", "session_key": key, "to": None})
    assert sara.expect("error", session_key=key)["code"] == "closed"
    sara.send({"type": "history", "session_key": key})  # still usable
    assert sara.expect("history", session_key=key)["status"] == "closed"


def test_an_admin_hands_on_a_conversation_they_do_not_hold(
        client: TestClient, container: Container, desk: OpenDesk,
        held: tuple[str, Socket, Desk]) -> None:
    key, visitor, sara = held
    boss = colleague(client, container, desk, "boss", "Boss", role="admin")
    omid = colleague(client, container, desk, "omid", "Omid")
    boss.send({"type": "transfer", "session_key": key, "to": "omid"})
    assert boss.expect("transferred")["by"] == "boss"
    assert omid.expect("transferred")["by"] == "boss"
    assert sara.expect("transferred")["to"] == "omid"
    frames = visitor.receive_until(is_message_from("system"))
    assert {"type": "status", "status": "with_agent", "agent": "Omid"} in frames


def queue_becomes(agent: Desk, keys: list[str]) -> None:
    """Queue frames until one lists exactly these conversations, in this order."""
    for _ in range(10):
        if agent.queue_keys() == keys:
            return
    raise AssertionError(f"the queue never became {keys}")


def answer_to_join(agent: Desk, key: str) -> Frame:
    for _ in range(30):
        frame = agent.receive()
        if frame["type"] in ("joined", "error") and frame.get("session_key") == key:
            return frame
    raise AssertionError("no answer to the join")


def test_a_return_racing_joins_gives_it_to_exactly_one(
        client: TestClient, container: Container, desk: OpenDesk,
        held: tuple[str, Socket, Desk]) -> None:
    key, _, sara = held
    omid = colleague(client, container, desk, "omid", "Omid")
    reza = colleague(client, container, desk, "reza", "Reza")
    sara.send({"type": "transfer", "session_key": key, "to": None})
    for agent in (omid, reza):
        queue_becomes(agent, [key])
    omid.send({"type": "join", "session_key": key})
    reza.send({"type": "join", "session_key": key})
    outcomes = [answer_to_join(agent, key) for agent in (omid, reza)]
    assert sorted(frame["type"] for frame in outcomes) == ["error", "joined"]
    assert next(f for f in outcomes if f["type"] == "error")["code"] == "already_assigned"


def test_any_agent_lists_the_colleagues_online_to_hand_a_conversation_to(
        client: TestClient, container: Container, desk: OpenDesk,
        held: tuple[str, Socket, Desk]) -> None:
    in_app(client, partial(register_agent, role="agent"), container.agent_accounts(),
           container.password_hasher(), container.clock(), "omid", PASSWORD, "امید")
    token = client.post(f"{API}/auth/login/", json={"username": "omid",
                                                    "password": PASSWORD}).json()
    assert client.patch(f"{API}/admin/agents/omid/", json={"active": False},
                        headers=bearer(admin_token_of(client, container))).status_code == 200
    sara_token = client.post(f"{API}/auth/login/", json={"username": "sara",
                                                         "password": PASSWORD}).json()
    listed = client.get(f"{API}/admin/colleagues/", headers=bearer(sara_token["access_token"]))
    assert listed.status_code == 200
    assert {"username": "sara", "display_name": "سارا", "status": "online"} in listed.json()
    assert "boss" in [c["username"] for c in listed.json()]
    assert "omid" not in [c["username"] for c in listed.json()]  # disabled
    assert all(set(c) == {"username", "display_name", "status"} for c in listed.json())
    assert client.get(f"{API}/admin/colleagues/").status_code == 401
    assert client.get(f"{API}/admin/colleagues/",
                      headers=bearer(token["access_token"])).status_code == 401


def admin_token_of(client: TestClient, container: Container) -> str:
    in_app(client, partial(register_agent, role="admin"), container.agent_accounts(),
           container.password_hasher(), container.clock(), "boss", PASSWORD, "Boss")
    token: str = client.post(f"{API}/auth/login/", json={"username": "boss",
                                                         "password": PASSWORD}).json()[
        "access_token"]
    return token
