"""/metrics changes as a scripted conversation goes: messages, escalations, queue, sockets."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from application.commands import JoinSession
from entrypoints.container import Container
from tests.integration.api.conftest import ADMIN
from tests.integration.api.support import Connect, add_faq, in_app, is_message_from, start_session
from tests.integration.observability.scraping import scrape

COUNTERS = [
    ("pasokh_messages_total", {"sender": "user", "source": "none"}, 2),
    ("pasokh_messages_total", {"sender": "bot", "source": "faq"}, 1),
    ("pasokh_messages_total", {"sender": "bot", "source": "ai"}, 0),
    ("pasokh_messages_total", {"sender": "system", "source": "system"}, 2),
    ("pasokh_escalations_total", {"reason": "keyword"}, 1),
    ("pasokh_escalations_total", {"reason": "low_confidence"}, 0),
    ("pasokh_sessions_started_total", {}, 1),
    ("pasokh_queue_wait_seconds_count", {}, 1),
]


def test_a_conversation_moves_the_metrics(client: TestClient, connect: Connect,
                                          container: Container, admin_token: str) -> None:
    add_faq(client, admin_token)
    before = scrape(client)
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    assert scrape(client).value("pasokh_open_sockets", kind="visitor") == 1
    socket.send({"type": "message", "text": "How do I book an appointment?"})
    socket.receive_until(is_message_from("bot"))
    socket.send({"type": "message", "text": "مشکل با پرداخت دارم"})
    socket.receive_until(is_message_from("system"))
    in_app(client, container.bus().idle)
    assert scrape(client).value("pasokh_queue_length") == 1

    in_app(client, container.bus().handle, JoinSession(key, ADMIN))
    in_app(client, container.bus().idle)
    after = scrape(client)

    changes = [(name, labels, after.value(name, **labels) - before.value(name, **labels))
               for name, labels, _ in COUNTERS]
    assert changes == COUNTERS
    assert after.value("pasokh_queue_length") == 0
    assert after.value("pasokh_queue_wait_seconds_sum") >= 0


def test_closed_sockets_are_no_longer_counted(client: TestClient, connect: Connect) -> None:
    with client.websocket_connect(f"/ws/chat/{start_session(client)}/") as session:
        session.receive_json()
        assert scrape(client).value("pasokh_open_sockets", kind="visitor") == 1
    # the server notices the close on its side a moment later
    for _ in range(100):
        if scrape(client).value("pasokh_open_sockets", kind="visitor") == 0:
            break
        time.sleep(0.02)
    assert scrape(client).value("pasokh_open_sockets", kind="visitor") == 0


def test_every_promised_metric_is_exported(client: TestClient) -> None:
    names = set(scrape(client).families)
    assert {"pasokh_messages", "pasokh_escalations", "pasokh_ai_request_seconds",
            "pasokh_ai_tokens", "pasokh_queue_length", "pasokh_queue_wait_seconds",
            "pasokh_open_sockets", "pasokh_rate_limit_refusals",
            "pasokh_sessions_started", "pasokh_commit_batch_size",
            "pasokh_commit_transaction_seconds"} <= names


def test_group_commits_are_measured_on_sql(client: TestClient, container: Container) -> None:
    before = scrape(client).value("pasokh_commit_batch_size_count")
    start_session(client)
    after = scrape(client)
    written = after.value("pasokh_commit_batch_size_count") - before
    assert written == (0 if container.config.storage_backend() == "memory" else 1)
    assert after.value("pasokh_commit_batch_size_sum") >= after.value(
        "pasokh_commit_batch_size_count")


def test_rate_limit_refusals_are_counted_by_kind(client: TestClient) -> None:
    def refusals() -> float:
        try:
            return scrape(client).value("pasokh_rate_limit_refusals_total", limit="sessions")
        except AssertionError:
            return 0.0

    before = refusals()
    statuses = [client.post("/chat/api/sessions/").status_code for _ in range(25)]
    assert statuses.count(429) == 5  # PASOKH_SESSION_RATE_LIMIT is 20 a minute
    assert refusals() == before + 5
