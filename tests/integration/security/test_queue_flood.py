"""A network that floods the queue with escalations does not push real visitors back: past
CHAT_ESCALATIONS_PER_ADDRESS an hour its conversations still queue, but marked as a flood
and behind everyone else; agents see them marked and last."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from application.auth import register_agent
from tests.integration.api.support import API, Socket, bearer, in_app
from tests.integration.security.conftest import PASSWORD, PROXY, Start, via

FLOODER = "198.51.100.66"


def escalate_from(client: TestClient, address: str,
                  visitor_id: str | None = None) -> tuple[str, dict[str, Any]]:
    """A new conversation from address that asks for a person; its queue frame."""
    body = {"visitor_id": visitor_id} if visitor_id else None
    response = client.post(f"{API}/sessions/", headers=via(address), json=body)
    assert response.status_code == 201, response.text
    key = response.json()["session_key"]
    with client.websocket_connect(f"/ws/chat/{key}/", headers=via(address)) as session:
        socket = Socket(session)
        socket.receive()
        socket.send({"type": "message", "text": "شکایت دارم"})
        frames = socket.receive_until(lambda frame: frame["type"] == "queue")
    return key, frames[-1]


def test_a_flood_from_one_network_waits_behind_real_visitors(start: Start) -> None:
    client, container = start(peer=PROXY, trusted_proxies=PROXY, chat_escalations_per_address=3,
                              session_rate_limit=100)
    flood = [escalate_from(client, FLOODER) for _ in range(8)]
    assert [frame["position"] for _, frame in flood[:3]] == [1, 2, 3]
    assert [frame["position"] for _, frame in flood[3:]] == [4, 5, 6, 7, 8]
    # the next real visitor comes right after the flooding network's allowance
    real, frame = escalate_from(client, "203.0.113.20")
    assert frame["position"] == 4
    # and another network is not affected by the first one's count
    other, frame = escalate_from(client, "203.0.113.21")
    assert frame["position"] == 5

    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), "sara", PASSWORD)
    token = client.post(f"{API}/auth/login/", headers=via("203.0.113.99"),
                        json={"username": "sara", "password": PASSWORD}).json()["access_token"]
    queue = client.get(f"{API}/admin/queue/", headers=bearer(token)).json()
    assert [entry["session_key"] for entry in queue] == (
        [key for key, _ in flood[:3]] + [real, other] + [key for key, _ in flood[3:]])
    assert [entry["flood"] for entry in queue] == [False] * 5 + [True] * 5
    assert [entry["position"] for entry in queue] == list(range(1, 11))
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as desk:
        snapshot = desk.receive_json()
        assert [entry["flood"] for entry in snapshot["queue"]] == [False] * 5 + [True] * 5


def test_the_limit_is_counted_per_network_not_per_address_within_an_ipv6_block(
        start: Start) -> None:
    client, _ = start(peer=PROXY, trusted_proxies=PROXY, chat_escalations_per_address=1,
                      session_rate_limit=100)
    _, first = escalate_from(client, "2001:db8:1:2::1")
    _, hopped = escalate_from(client, "2001:db8:1:2::abcd")  # same /64
    _, elsewhere = escalate_from(client, "2001:db8:1:3::1")
    assert [first["position"], hopped["position"], elsewhere["position"]] == [1, 2, 2]


def test_one_visitor_is_limited_whatever_network_they_come_from(start: Start) -> None:
    client, _ = start(peer=PROXY, trusted_proxies=PROXY, chat_escalations_per_visitor=2,
                      session_rate_limit=100)
    visitor = "v-0123456789abcdef"
    frames = [escalate_from(client, f"203.0.113.{n}", visitor)[1] for n in range(3)]
    _, someone_else = escalate_from(client, "203.0.113.50", "v-another-visitor-01")
    assert [frame["position"] for frame in frames] == [1, 2, 3]
    assert someone_else["position"] == 3  # ahead of the visitor's third conversation


def test_a_malformed_visitor_id_is_refused_and_no_conversation_starts(start: Start) -> None:
    client, _ = start()
    for visitor_id in ("short", "x" * 65, "has spaces in it", 12345678):
        response = client.post(f"{API}/sessions/", json={"visitor_id": visitor_id})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid"
    # the page context is accepted (length-checked), and an empty body is fine
    assert client.post(f"{API}/sessions/", json={"page_url": "https://shop.example/a",
                                                  "locale": "fa-IR"}).status_code == 201
    assert client.post(f"{API}/sessions/", json={"page_url": "x" * 3000}).status_code == 422
    assert client.post(f"{API}/sessions/").status_code == 201
