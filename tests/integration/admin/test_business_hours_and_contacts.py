"""Business hours and contacts over HTTP and the visitor's socket: the queue frame says when
nobody can answer and when the team is back; a contact is acknowledged as stored, refused
with the field that is wrong, and listed for the desk."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient

from adapters.security import JwtTokenIssuer
from adapters.system import SystemClock
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.admin.support import ManualClock, OpenDesk, escalated_visitor, is_a
from tests.integration.api import conftest as api
from tests.integration.api.support import API, Connect, start_session

HOURS = "sat-wed 09:00-17:00; thu 09:00-13:00"
FRIDAY_MORNING = datetime(2026, 1, 2, 7, 0, tzinfo=UTC)  # 10:30 in Tehran: closed all day
SATURDAY_MORNING = datetime(2026, 1, 3, 7, 0, tzinfo=UTC)  # 10:30 in Tehran: open


def queued(client: TestClient, connect: Connect) -> dict[str, Any]:
    """The queue frame a visitor gets on asking for a person."""
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "I want to talk to a human"})
    return socket.receive_until(is_a("queue"))[-1]


@pytest.fixture
def clock() -> ManualClock:
    clock = ManualClock()
    clock.current = FRIDAY_MORNING
    return clock


@pytest.fixture
def container(settings: Settings, clock: ManualClock) -> Container:
    container = create_container(settings.model_copy(update={"chat_business_hours": HOURS}))
    container.clock.override(providers.Object(clock))
    container.token_issuer.override(providers.Singleton(
        JwtTokenIssuer, secret=api.SECRET, ttl_seconds=3600, clock=SystemClock()))
    return container


def test_out_of_hours_the_queue_frame_says_offline_and_when_the_team_is_back(
        client: TestClient, connect: Connect) -> None:
    queue = queued(client, connect)
    assert queue["offline"] is True
    assert queue["opens_at"] == "2026-01-03T05:30:00+00:00"  # Saturday 09:00 in Tehran
    assert queue["estimated_wait_seconds"] is None


def test_in_hours_nobody_on_is_offline_until_an_agent_opens_the_desk(
        client: TestClient, connect: Connect, clock: ManualClock, desk: OpenDesk) -> None:
    clock.current = SATURDAY_MORNING
    queue = queued(client, connect)
    assert (queue["offline"], queue["opens_at"]) == (True, None)
    desk("sara").expect("snapshot")
    assert queued(client, connect)["offline"] is False


def test_a_contact_is_acknowledged_as_stored_and_listed_for_the_desk(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    key, socket = escalated_visitor(client, connect)
    socket.send({"type": "contact", "name": " سارا ", "phone": "۰۹۱۲ ۳۴۵ ۶۷۸۹"})
    assert socket.receive_until(is_a("contact"))[-1] == {
        "type": "contact", "name": "سارا", "email": None, "phone": "09123456789"}
    assert client.get(f"{API}/admin/contacts/").status_code == 401
    response = client.get(f"{API}/admin/contacts/",
                          headers={"Authorization": f"Bearer {admin_token}"})
    assert response.status_code == 200
    [listed] = response.json()
    assert {k: listed[k] for k in ("session_key", "name", "phone", "offline", "status")} == {
        "session_key": key, "name": "سارا", "phone": "09123456789", "offline": True,
        "status": "queued"}
    assert listed["left_at"] == "2026-01-02T07:00:00Z"


@pytest.mark.parametrize(("frame", "field"), [
    ({"type": "contact", "name": "Sara"}, "email"),
    ({"type": "contact", "email": "sara@example"}, "email"),
    ({"type": "contact", "phone": "12"}, "phone"),
    ({"type": "contact", "phone": 9123456789}, "phone"),
    ({"type": "contact", "email": "x" * 301}, "email"),
])
def test_a_bad_contact_gets_invalid_naming_the_field_and_the_socket_goes_on(
        client: TestClient, connect: Connect, frame: dict[str, object], field: str) -> None:
    _, socket = escalated_visitor(client, connect)
    socket.send(frame)
    error = socket.receive_until(is_a("error"))[-1]
    assert (error["type"], error["code"], error["frame_type"]) == ("error", "invalid", "contact")
    assert field in error["message"]
    socket.send({"type": "contact", "email": "sara@example.com"})
    assert socket.receive_until(is_a("contact"))[-1]["email"] == "sara@example.com"
