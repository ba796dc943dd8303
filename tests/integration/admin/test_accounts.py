"""Admins make, list and disable accounts; agents chat but change neither FAQs nor accounts;
a disabled account's tokens and sockets stop at once."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.integration.admin.support import Desk
from tests.integration.api.support import API, bearer

AGENTS = f"{API}/admin/agents/"
PASSWORD = "a-long-agent-password-42"


def create(client: TestClient, token: str, **fields: Any) -> Any:
    body = {"username": "omid", "password": PASSWORD, "role": "agent", **fields}
    return client.post(AGENTS, json=body, headers=bearer(token))


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/login/", json={"username": username, "password": password})


def agent_token(client: TestClient, admin_token: str, username: str = "omid") -> str:
    assert create(client, admin_token, username=username).status_code == 201
    token: str = login(client, username).json()["access_token"]
    return token


def test_an_admin_creates_and_lists_accounts(client: TestClient, admin_token: str) -> None:
    created = create(client, admin_token, display_name="امید")
    assert created.status_code == 201, created.text
    assert created.json() == {"username": "omid", "display_name": "امید", "role": "agent",
                              "active": True, "status": "offline"}
    listed = client.get(AGENTS, headers=bearer(admin_token)).json()
    assert [(a["username"], a["role"], a["active"]) for a in listed] == [
        ("admin", "admin", True), ("omid", "agent", True)]
    assert login(client, "omid").status_code == 200


def test_an_open_desk_shows_its_agent_online(client: TestClient, admin_token: str) -> None:
    with client.websocket_connect(f"/ws/admin/chat/?token={admin_token}") as socket:
        assert socket.receive_json()["role"] == "admin"
        listed = client.get(AGENTS, headers=bearer(admin_token)).json()
    assert listed[0]["status"] == "online"


@pytest.mark.parametrize(("fields", "code", "status"), [
    ({"password": "short"}, "invalid", 422),
    ({"role": "owner"}, "invalid", 422),
    ({"username": "two words"}, "invalid", 422),
    ({"username": "a" * 151}, "invalid", 422),
    ({"display_name": "x" * 256}, "invalid", 422),
    ({"username": "admin"}, "conflict", 409),
])
def test_bad_accounts_are_refused_with_the_contract_error(
        client: TestClient, admin_token: str, fields: dict[str, Any], code: str,
        status: int) -> None:
    response = create(client, admin_token, **fields)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_an_agent_chats_and_reads_faqs_but_changes_nothing_else(
        client: TestClient, admin_token: str) -> None:
    token = agent_token(client, admin_token)
    faq = {"question": "ساعت کاری؟", "answer": "۹ تا ۱۷"}
    refused = [
        client.post(f"{API}/faqs/", json=faq, headers=bearer(token)),
        client.get(AGENTS, headers=bearer(token)),
        create(client, token, username="mina"),
        client.patch(f"{AGENTS}admin/", json={"active": False}, headers=bearer(token)),
        client.get(f"{API}/admin/stats/", headers=bearer(token)),
        client.get(f"{API}/admin/stats/csv/", headers=bearer(token)),
        client.get(f"{API}/admin/gaps/csv/", headers=bearer(token)),
        client.get(f"{API}/admin/gaps/", headers=bearer(token)),
        client.post(f"{API}/admin/faqs/what-if/", json=faq, headers=bearer(token)),
    ]
    assert [(r.status_code, r.json()["error"]["code"]) for r in refused] == \
        [(403, "forbidden")] * len(refused)
    assert client.get(f"{API}/admin/queue/", headers=bearer(token)).status_code == 200
    assert client.get(f"{API}/faqs/?include_inactive=true",
                      headers=bearer(token)).status_code == 200
    assert client.post(f"{API}/faqs/", json=faq, headers=bearer(admin_token)).status_code == 201


def test_a_disabled_accounts_token_stops_working_at_once(
        client: TestClient, admin_token: str) -> None:
    token = agent_token(client, admin_token)
    changed = client.patch(f"{AGENTS}omid/", json={"active": False}, headers=bearer(admin_token))
    assert changed.status_code == 200
    assert changed.json()["active"] is False
    assert client.get(f"{API}/admin/queue/", headers=bearer(token)).status_code == 401
    assert login(client, "omid").status_code == 401  # the same refusal as a wrong password
    with pytest.raises(WebSocketDisconnect) as closed, \
            client.websocket_connect(f"/ws/admin/chat/?token={token}") as socket:
        socket.receive_json()
    assert closed.value.code == 4401
    client.patch(f"{AGENTS}omid/", json={"active": True}, headers=bearer(admin_token))
    assert client.get(f"{API}/admin/queue/", headers=bearer(token)).status_code == 200


def test_a_disabled_accounts_open_desk_closes_with_4401(
        client: TestClient, admin_token: str) -> None:
    token = agent_token(client, admin_token)
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as session:
        desk = Desk(session)
        desk.expect("snapshot")
        client.patch(f"{AGENTS}omid/", json={"active": False}, headers=bearer(admin_token))
        with pytest.raises(WebSocketDisconnect) as closed:
            for _ in range(5):  # a presence frame (the team list's) may come first
                desk.receive()
    assert closed.value.code == 4401


def test_an_admin_changes_roles_but_not_their_own(client: TestClient, admin_token: str) -> None:
    token = agent_token(client, admin_token)
    promoted = client.patch(f"{AGENTS}omid/", json={"role": "admin", "display_name": "Omid"},
                            headers=bearer(admin_token))
    assert (promoted.json()["role"], promoted.json()["display_name"]) == ("admin", "Omid")
    assert client.get(AGENTS, headers=bearer(token)).status_code == 200
    for change in ({"active": False}, {"role": "agent"}):
        own = client.patch(f"{AGENTS}admin/", json=change, headers=bearer(admin_token))
        assert (own.status_code, own.json()["error"]["code"]) == (422, "invalid")
    missing = client.patch(f"{AGENTS}nobody/", json={"active": False},
                           headers=bearer(admin_token))
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")
