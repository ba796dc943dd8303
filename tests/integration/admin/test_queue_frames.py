"""Waiting visitors see their place in the queue, and how long it may take, change live."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.admin.support import ManualClock, OpenDesk, escalated_visitor
from tests.integration.api.support import Connect, start_session


def place(position: int, wait: int | None, offline: bool = False) -> dict[str, object]:
    """offline: no agent has the desk open (no business hours are set here)."""
    return {"type": "queue", "position": position, "estimated_wait_seconds": wait,
            "offline": offline, "opens_at": None}


def test_waiting_visitors_move_up_and_learn_the_wait_from_recent_ones(
        client: TestClient, connect: Connect, desk: OpenDesk, clock: ManualClock) -> None:
    visitors = []
    for position in (1, 2, 3):
        key = start_session(client)
        socket = connect(key)
        socket.receive()
        socket.send({"type": "message", "text": "I need a human"})
        frames = socket.receive_until(lambda frame: frame["type"] == "queue")
        assert frames[-1] == place(position, None, offline=True)  # no agent on: no estimate
        visitors.append((key, socket))
    (first, _), (second, second_socket), (third, third_socket) = visitors
    sara = desk("sara")
    sara.expect("snapshot")
    clock.advance(120)
    sara.send({"type": "join", "session_key": first})
    assert second_socket.receive() == place(1, 120)
    assert third_socket.receive() == place(2, 240)

    reza = desk("reza")
    reza.expect("snapshot")
    reza.send({"type": "join", "session_key": third})  # behind the second: it stays first
    reza.expect("joined")
    third_socket.receive()  # reza joined
    sara.send({"type": "join", "session_key": second})
    assert second_socket.receive() == {"type": "status", "status": "with_agent", "agent": "sara"}


def test_the_estimate_is_the_median_recent_wait_times_the_place(
        client: TestClient, connect: Connect, desk: OpenDesk, clock: ManualClock) -> None:
    sara = desk("sara")
    sara.expect("snapshot")
    for waited in (60, 600, 90):  # median 90, whatever the one long wait
        key, _ = escalated_visitor(client, connect)
        clock.advance(waited)
        sara.send({"type": "join", "session_key": key})
        sara.expect("joined")
        sara.send({"type": "close", "session_key": key})
        sara.expect("status", session_key=key)
    escalated_visitor(client, connect)
    key = start_session(client)
    latecomer = connect(key)
    latecomer.receive()
    latecomer.send({"type": "message", "text": "I need a human"})
    assert latecomer.receive_until(lambda frame: frame["type"] == "queue")[-1] == place(2, 180)


def test_a_visitor_reconnecting_while_queued_is_told_their_place(
        client: TestClient, connect: Connect) -> None:
    escalated_visitor(client, connect)
    key, _ = escalated_visitor(client, connect)
    again = connect(key)
    assert again.receive()["status"] == "queued"
    assert again.receive() == place(2, None, offline=True)
