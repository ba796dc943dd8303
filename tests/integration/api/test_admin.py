"""What agents see: the queue after an escalation, active chats after joining."""

from __future__ import annotations

from fastapi.testclient import TestClient

from application.auth import register_agent
from application.commands import JoinSession
from entrypoints.container import Container
from tests.integration.api.conftest import ADMIN_PASSWORD
from tests.integration.api.support import API, Connect, Socket, bearer, in_app, start_session


def escalate(connect: Connect, key: str, text: str) -> Socket:
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": text})
    socket.receive_until(lambda frame: frame["type"] == "message"
                         and frame["message"]["sender"] == "system")
    assert socket.receive()["type"] == "queue"  # the visitor's place, once queued
    return socket


def test_escalated_sessions_wait_in_the_queue_in_order(
        connect: Connect, client: TestClient, container: Container, admin_token: str) -> None:
    first, second = start_session(client), start_session(client)
    escalate(connect, first, "I want to talk to a human")
    escalate(connect, second, "مشکل با پرداخت دارم")
    in_app(client, container.bus().idle)  # the queue follows the sessions' events
    queue = client.get(f"{API}/admin/queue/", headers=bearer(admin_token)).json()
    assert [(e["session_key"], e["position"], e["reason"], e["last_message"]) for e in queue] == [
        (first, 1, "visitor_request", "I want to talk to a human"),
        (second, 2, "keyword:پرداخت", "مشکل با پرداخت دارم"),
    ]
    assert all(e["enqueued_at"].endswith(("Z", "+00:00")) for e in queue)


def test_a_joined_session_is_an_active_chat(connect: Connect, client: TestClient,
                                            container: Container, admin_token: str) -> None:
    key = start_session(client)
    socket = escalate(connect, key, "I want to talk to a human")
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), "sara", ADMIN_PASSWORD, "Sara")
    in_app(client, container.bus().handle, JoinSession(key, "sara"))
    in_app(client, container.bus().idle)
    # the visitor is told the agent's display name; agents see the login name
    assert socket.receive() == {"type": "status", "status": "with_agent", "agent": "Sara"}
    assert socket.receive()["message"]["sender"] == "system"
    chats = client.get(f"{API}/admin/active-chats", headers=bearer(admin_token)).json()
    assert [(c["session_key"], c["agent"], c["status"]) for c in chats] == [
        (key, "sara", "with_agent")]
    assert set(chats[0]) == {"session_key", "agent", "status", "started_at", "last_message"}
    assert client.get(f"{API}/admin/queue", headers=bearer(admin_token)).json() == []
