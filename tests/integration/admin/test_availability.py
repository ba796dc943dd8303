"""An agent sets themselves online or away on the desk socket; with no desk open they are
offline. The team list, the other desks and the visitor's queue frame all go by it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.integration.admin.support import OpenDesk, is_a
from tests.integration.api.support import API, Connect, bearer, start_session

AGENTS = f"{API}/admin/agents/"


def statuses(client: TestClient, admin_token: str) -> dict[str, str]:
    listed = client.get(AGENTS, headers=bearer(admin_token)).json()
    return {agent["username"]: agent["status"] for agent in listed}


def queue_frame(client: TestClient, connect: Connect) -> dict[str, Any]:
    socket = connect(start_session(client))
    socket.receive()
    socket.send({"type": "message", "text": "I want to talk to a human"})
    return socket.receive_until(is_a("queue"))[-1]


def test_an_agent_goes_away_and_back_and_is_offline_once_the_desk_closes(
        client: TestClient, admin_token: str, desk: OpenDesk) -> None:
    with_sara = desk("sara")
    assert with_sara.expect("snapshot")["availability"] == "online"
    assert statuses(client, admin_token)["sara"] == "online"

    with_sara.send({"type": "availability", "status": "away"})
    assert with_sara.expect("availability") == {"type": "availability", "status": "away"}
    assert statuses(client, admin_token)["sara"] == "away"

    with_sara.send({"type": "availability", "status": "online"})
    assert with_sara.expect("availability")["status"] == "online"
    assert statuses(client, admin_token)["sara"] == "online"

    watching = desk("omid")
    watching.expect("snapshot")
    with_sara._session.close()
    watching.expect("presence", agent="sara", status="offline")  # told once she is gone
    assert statuses(client, admin_token)["sara"] == "offline"


def test_away_is_kept_for_the_agents_next_desk(
        client: TestClient, admin_token: str, desk: OpenDesk) -> None:
    first = desk("sara")
    first.expect("snapshot")
    first.send({"type": "availability", "status": "away"})
    first.expect("availability")
    watching = desk("omid")
    watching.expect("snapshot")
    first._session.close()
    watching.expect("presence", agent="sara", status="offline")
    assert desk("sara").expect("snapshot")["availability"] == "away"


def test_a_bad_status_is_invalid_and_the_desk_goes_on(desk: OpenDesk) -> None:
    with_sara = desk("sara")
    with_sara.expect("snapshot")
    for frame in ({"type": "availability", "status": "offline"},
                  {"type": "availability"}, {"type": "availability", "status": 1}):
        with_sara.send(frame)
        assert with_sara.expect("error")["code"] == "invalid"
    with_sara.send({"type": "availability", "status": "away"})
    assert with_sara.expect("availability")["status"] == "away"


def test_the_other_desks_hear_of_a_teammate_going_away(desk: OpenDesk) -> None:
    with_sara, with_omid = desk("sara"), desk("omid")
    with_sara.expect("snapshot")
    with_omid.expect("snapshot")
    with_omid.send({"type": "availability", "status": "away"})
    assert with_sara.expect("presence", agent="omid")["status"] == "online"  # on arriving
    assert with_sara.expect("presence", agent="omid") == {
        "type": "presence", "agent": "omid", "status": "away"}


def test_a_visitor_is_told_nobody_can_answer_while_the_only_agent_is_away(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    with_sara = desk("sara")
    with_sara.expect("snapshot")
    with_sara.send({"type": "availability", "status": "away"})
    with_sara.expect("availability")
    assert queue_frame(client, connect)["offline"] is True
    with_sara.send({"type": "availability", "status": "online"})
    with_sara.expect("availability")
    assert queue_frame(client, connect)["offline"] is False
