"""CHAT_ASSIGNMENT=auto over the sockets (memory, SQLite, PostgreSQL): a visitor who asks for
a person is given at once to the least busy online agent, whose desk gets `assigned` with the
conversation; the visitor sees the agent as after a join; a close or an agent coming online
gives what still waits; an agent who is away gets nothing."""

from __future__ import annotations

import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient

from adapters.security import JwtTokenIssuer
from adapters.system import SystemClock
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.admin.conftest import MAX_CHATS
from tests.integration.admin.support import Desk, ManualClock, OpenDesk, is_a
from tests.integration.api import conftest as api
from tests.integration.api.support import Connect, Socket, start_session


@pytest.fixture
def container(settings: Settings, clock: ManualClock) -> Container:
    container = create_container(settings.model_copy(update={
        "chat_agent_max_chats": MAX_CHATS, "chat_assignment": "auto"}))
    container.clock.override(providers.Object(clock))
    container.token_issuer.override(providers.Singleton(
        JwtTokenIssuer, secret=api.SECRET, ttl_seconds=3600, clock=SystemClock()))
    return container


def asks_for_a_person(client: TestClient, connect: Connect) -> tuple[str, Socket]:
    key = start_session(client)
    visitor = connect(key)
    visitor.receive()
    visitor.send({"type": "message", "text": "I want to talk to a human"})
    visitor.receive_until(is_a("status"))
    return key, visitor


def opened(desk: OpenDesk, agent: str) -> Desk:
    socket = desk(agent)
    assert socket.expect("snapshot")["assignment"] == "auto"
    return socket


def test_a_visitor_goes_at_once_to_the_online_agent(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    sara = opened(desk, "sara")
    key, visitor = asks_for_a_person(client, connect)
    assigned = sara.expect("assigned", session_key=key)
    assert (assigned["status"], assigned["agent"]) == ("with_agent", "sara")
    assert assigned["messages"][0]["text"] == "I want to talk to a human"
    assert visitor.receive_until(is_a("status", status="with_agent"))[-1]["agent"] == "sara"
    assert sara.expect("active_chats")["active_chats"][0]["agent"] == "sara"
    sara.send({"type": "message", "session_key": key, "text": "سلام، در خدمتم"})
    said = visitor.receive_until(lambda f: f["type"] == "message"
                                 and f["message"]["sender"] == "agent")[-1]
    assert said["message"]["text"] == "سلام، در خدمتم"


def test_conversations_go_to_the_least_busy_and_wait_beyond_the_limit(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    sara, omid = opened(desk, "sara"), opened(desk, "omid")
    keys = [asks_for_a_person(client, connect)[0] for _ in range(5)]
    # fewest chats first; between equals idle as long (a clock that stands still), by name
    for key, agent in zip(keys[:4], (omid, sara, omid, sara), strict=True):
        agent.expect("assigned", session_key=key)
    assert all(f.get("session_key") != keys[4] for f in sara.passed_over + omid.passed_over
               if f["type"] == "assigned")
    sara.send({"type": "close", "session_key": keys[1]})
    sara.expect("assigned", session_key=keys[4])  # it waited until someone had room


def test_an_away_agent_gets_nothing_until_back_online_and_a_close_frees_a_place(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    sara = opened(desk, "sara")
    sara.send({"type": "availability", "status": "away"})
    sara.expect("availability")
    first, second, third = (asks_for_a_person(client, connect)[0] for _ in range(3))
    sara.send({"type": "availability", "status": "online"})
    sara.expect("availability", status="online")
    sara.expect("assigned", session_key=first)
    sara.expect("assigned", session_key=second)
    sara.send({"type": "close", "session_key": first})
    sara.expect("assigned", session_key=third)
