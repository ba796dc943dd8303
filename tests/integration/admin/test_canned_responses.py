"""Canned responses over REST: admins write them, agents read them, errors as the contract."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.admin.test_accounts import agent_token
from tests.integration.api.support import API, bearer

CANNED = f"{API}/admin/canned-responses/"


def add(client: TestClient, token: str, shortcut: str, text: str) -> Any:
    return client.post(CANNED, json={"shortcut": shortcut, "text": text}, headers=bearer(token))


def test_an_admin_adds_edits_and_removes_and_agents_read(
        client: TestClient, admin_token: str) -> None:
    added = add(client, admin_token, "hours", "We are open 9 to 17.")
    assert added.status_code == 201, added.text
    hours = added.json()
    assert set(hours) == {"id", "shortcut", "text"} and hours["shortcut"] == "hours"
    assert add(client, admin_token, "سلام", "درود! چطور می‌توانم کمک کنم؟").status_code == 201

    agent = agent_token(client, admin_token)
    listed = client.get(CANNED.rstrip("/"), headers=bearer(agent)).json()
    assert [r["shortcut"] for r in listed] == ["hours", "سلام"]

    edited = client.put(f"{CANNED}{hours['id']}/", headers=bearer(admin_token),
                        json={"shortcut": "hours", "text": "9 to 17, Saturday to Wednesday."})
    assert edited.json() == {**hours, "text": "9 to 17, Saturday to Wednesday."}
    assert client.delete(f"{CANNED}{hours['id']}", headers=bearer(admin_token)).status_code == 204
    assert [r["shortcut"] for r in client.get(CANNED, headers=bearer(agent)).json()] == ["سلام"]


def test_agents_may_not_change_them(client: TestClient, admin_token: str) -> None:
    kept = add(client, admin_token, "hours", "We are open 9 to 17.").json()
    agent = agent_token(client, admin_token)
    refused = [add(client, agent, "bye", "Goodbye!"),
               client.put(f"{CANNED}{kept['id']}/", json={"shortcut": "x", "text": "y"},
                          headers=bearer(agent)),
               client.delete(f"{CANNED}{kept['id']}/", headers=bearer(agent))]
    assert [(r.status_code, r.json()["error"]["code"]) for r in refused] == \
        [(403, "forbidden")] * 3
    assert client.get(CANNED).status_code == 401


@pytest.mark.parametrize(("shortcut", "text", "status", "code", "field"), [
    ("hours", "x" * 4001, 422, "invalid", "text"),
    ("hours", " ", 422, "invalid", "text"),
    ("two words", "hi", 422, "invalid", "shortcut"),
    ("x" * 33, "hi", 422, "invalid", "shortcut"),
    ("TAKEN", "hi", 409, "conflict", "shortcut"),
])
def test_bad_ones_get_the_contract_error(client: TestClient, admin_token: str, shortcut: str,
                                         text: str, status: int, code: str, field: str) -> None:
    add(client, admin_token, "taken", "Already here.")
    response = add(client, admin_token, shortcut, text)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert field in response.json()["error"]["message"]


def test_an_unknown_one_is_not_found(client: TestClient, admin_token: str) -> None:
    for response in (client.put(f"{CANNED}nope/", json={"shortcut": "x", "text": "y"},
                                headers=bearer(admin_token)),
                     client.delete(f"{CANNED}nope/", headers=bearer(admin_token))):
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
