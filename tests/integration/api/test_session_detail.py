"""A conversation as an agent opens it over REST: where the visitor came from (the widget's
body and the browser's User-Agent), the handoff summary, messages and notes in order, and the
visitor's other conversations; bad context is refused with the contract's error body."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.container import Container
from tests.integration.api.support import API, Connect, bearer, in_app
from tests.integration.api.test_admin import escalate

VISITOR = "visitor-7f3a9c21"
ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0.0.0 Mobile Safari/537.36")
OPENED = {"visitor_id": VISITOR, "page_url": "https://shop.example/checkout?step=2",
          "referrer": "https://www.google.com/", "locale": "fa-IR"}
AGENT_PASSWORD = "agents-password-long-enough"


def started(client: TestClient, body: dict[str, Any] | None = None,
            user_agent: str = ANDROID) -> str:
    response = client.post(f"{API}/sessions/", json=body, headers={"User-Agent": user_agent})
    assert response.status_code == 201, response.text
    key: str = response.json()["session_key"]
    return key


def agents_token(client: TestClient, container: Container) -> str:
    in_app(client, partial(register_agent, role="agent"), container.agent_accounts(),
           container.password_hasher(), container.clock(), "sara", AGENT_PASSWORD, "Sara")
    response = client.post(f"{API}/auth/login/",
                           json={"username": "sara", "password": AGENT_PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_an_agent_sees_the_context_summary_notes_and_earlier_conversations(
        connect: Connect, client: TestClient, container: Container) -> None:
    earlier = started(client, {"visitor_id": VISITOR}, user_agent="curl/8.0")
    key = started(client, OPENED)
    escalate(connect, key, "I want to talk to a human")
    in_app(client, container.bus().idle)  # the summary is written after the escalation
    token = agents_token(client, container)
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as desk:
        snapshot = desk.receive_json()
        assert [e["summary"] for e in snapshot["queue"]] == [
            "[visitor_request] I want to talk to a human"]
        desk.send_json({"type": "note", "session_key": key, "text": "VIP customer"})
        frame = desk.receive_json()
        while frame["type"] == "presence":  # the team hears this agent arrive
            frame = desk.receive_json()
        assert frame["message"]["sender"] == "note"
    response = client.get(f"{API}/admin/sessions/{key}/", headers=bearer(token))
    assert response.status_code == 200, response.text
    detail = response.json()
    assert (detail["session_key"], detail["status"], detail["agent"], detail["reason"]) == (
        key, "queued", None, "visitor_request")
    assert detail["summary"] == "[visitor_request] I want to talk to a human"
    assert detail["context"] == {**OPENED, "user_agent": ANDROID,
                                 "browser": "Chrome 120 on Android 14"}
    assert [(m["sender"], m["text"]) for m in detail["messages"]] == [
        ("user", "I want to talk to a human"), ("system", detail["messages"][1]["text"]),
        ("note", "VIP customer")]
    assert [p["session_key"] for p in detail["previous_sessions"]] == [earlier]
    assert detail["previous_sessions"][0]["status"] == "bot"
    [entry] = client.get(f"{API}/admin/queue/", headers=bearer(token)).json()
    assert entry["summary"] == detail["summary"]
    first = client.get(f"{API}/admin/sessions/{earlier}/", headers=bearer(token)).json()
    assert first["context"]["browser"] == "curl 8" and first["context"]["page_url"] is None
    assert [p["session_key"] for p in first["previous_sessions"]] == [key]


def test_a_conversation_started_without_a_body_has_an_empty_context(
        client: TestClient, admin_token: str) -> None:
    key = started(client, user_agent="")
    detail = client.get(f"{API}/admin/sessions/{key}", headers=bearer(admin_token)).json()
    assert detail["context"] == {"visitor_id": None, "page_url": None, "referrer": None,
                                 "locale": None, "user_agent": None, "browser": None}
    assert detail["summary"] is None and detail["previous_sessions"] == []


@pytest.mark.parametrize("key", ["A" * 32, "not a key", "x"])
def test_an_unknown_conversation_is_not_found(client: TestClient, admin_token: str,
                                              key: str) -> None:
    response = client.get(f"{API}/admin/sessions/{key}/", headers=bearer(admin_token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_detail_needs_a_token(client: TestClient) -> None:
    key = started(client)
    response = client.get(f"{API}/admin/sessions/{key}/")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("field, value", [
    ("page_url", "https://a.example/" + "p" * 2048), ("referrer", "r" * 2049),
    ("locale", "fa-IR-" + "x" * 40), ("page_url", 42)])
def test_an_overlong_or_wrong_context_is_refused_and_nothing_starts(
        client: TestClient, admin_token: str, field: str, value: object) -> None:
    response = client.post(f"{API}/sessions/", json={"visitor_id": VISITOR, field: value})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert "Traceback" not in response.text
    key = started(client, {"visitor_id": VISITOR})
    detail = client.get(f"{API}/admin/sessions/{key}/", headers=bearer(admin_token)).json()
    assert detail["previous_sessions"] == []  # the refused one never started


def test_a_huge_user_agent_is_kept_cut_not_refused(client: TestClient,
                                                   admin_token: str) -> None:
    key = started(client, user_agent="Mozilla/5.0 " + "x" * 3000)
    detail = client.get(f"{API}/admin/sessions/{key}/", headers=bearer(admin_token)).json()
    assert len(detail["context"]["user_agent"]) == 512
