from __future__ import annotations

from datetime import timedelta

from domain.queue import Queue, SessionDequeued, SessionEnqueued
from tests.unit.conftest import AT


def given(*events: object) -> Queue:
    return Queue.rehydrate("queue", events)  # type: ignore[arg-type]


A = SessionEnqueued(session_key="a", reason="keyword:لغو", at=AT)
B = SessionEnqueued(session_key="b", reason="visitor_request", at=AT)


def test_enqueued_sessions_get_1_based_positions_in_arrival_order() -> None:
    queue = Queue()
    queue.enqueue("a", "keyword:لغو", AT)
    queue.enqueue("b", "visitor_request", AT)
    assert queue.pending_events == (A, B)
    assert [queue.position_of("a"), queue.position_of("b"), queue.position_of("c")] == [1, 2, None]


def test_enqueueing_a_waiting_session_again_keeps_its_place() -> None:
    queue = given(A, B)
    queue.enqueue("a", "ai_error", AT)
    assert queue.pending_events == () and queue.position_of("a") == 1


def test_removal_moves_everyone_behind_up_and_records_the_wait() -> None:
    queue = given(A, B)
    queue.remove("a", "taken", AT + timedelta(seconds=90))
    assert queue.pending_events == (SessionDequeued(
        session_key="a", cause="taken", at=AT + timedelta(seconds=90), waited_seconds=90.0),)
    assert queue.position_of("b") == 1 and len(queue) == 1


def test_removing_a_session_that_is_not_waiting_records_nothing() -> None:
    queue = given(A)
    queue.remove("zzz", "closed", AT)
    assert queue.pending_events == ()
