"""Handing a conversation on (ADR 0047): given events, when its agent (or an admin) hands it
to a colleague or back to the queue, then events."""

from __future__ import annotations

import pytest

from domain.agent_load import ChatLimit
from domain.chat_session import SessionStatus
from domain.errors import (
    AgentNotOnline,
    AlreadyAssigned,
    NobodyHoldsIt,
    NotAssignedAgent,
    SessionAlreadyClosed,
    TooManyChats,
)
from domain.queue import Queue, SessionEnqueued, SessionRequeued
from domain.session_events import SessionReturnedToQueue, SessionTransferred, SystemMessagePosted
from domain.transfer import Handover, TransferTarget
from tests.unit.conftest import AT
from tests.unit.test_chat_session import (
    ASKED,
    CLOSED,
    ESCALATED,
    JOIN_NOTICE,
    JOINED,
    NOTICE,
    STARTED,
    given,
)

HELD = (STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)  # sara holds it
BY_SARA = Handover("sara", by_admin=False, seen_holder="sara")
OMID = TransferTarget("omid", online=True, held=0)
LIMIT = ChatLimit(2)


def test_its_agent_hands_it_to_a_colleague_online_with_room() -> None:
    session = given(*HELD)
    session.transfer(BY_SARA, OMID, LIMIT, "m4", "passed to Omid", AT)
    assert session.pending_events == (
        SessionTransferred(from_agent="sara", to_agent="omid", by="sara", at=AT),
        SystemMessagePosted(message_id="m4", seq=4, text="passed to Omid", at=AT))
    assert (session.status, session.agent) == (SessionStatus.WITH_AGENT, "omid")


def test_an_admin_may_hand_on_a_conversation_they_do_not_hold() -> None:
    session = given(*HELD)
    session.transfer(Handover("boss", True, "sara"), OMID, LIMIT, "m4", "passed", AT)
    assert session.pending_events[0] == SessionTransferred(
        from_agent="sara", to_agent="omid", by="boss", at=AT)


def test_another_agent_may_not() -> None:
    session = given(*HELD)
    with pytest.raises(NotAssignedAgent):
        session.transfer(Handover("reza", False, "sara"), OMID, LIMIT, "m4", "x", AT)
    with pytest.raises(NotAssignedAgent):
        session.return_to_queue(Handover("reza", False, "sara"), "m4", "x", AT)
    assert session.pending_events == ()


@pytest.mark.parametrize(("target", "refusal"), [
    (TransferTarget("omid", online=False, held=0), AgentNotOnline),
    (TransferTarget("omid", online=True, held=2), TooManyChats),
])
def test_the_colleague_must_be_online_with_room(target: TransferTarget,
                                                refusal: type[Exception]) -> None:
    session = given(*HELD)
    with pytest.raises(refusal):
        session.transfer(BY_SARA, target, LIMIT, "m4", "x", AT)
    assert session.pending_events == () and session.agent == "sara"


def test_handing_it_to_its_own_agent_changes_nothing() -> None:
    session = given(*HELD)
    session.transfer(BY_SARA, TransferTarget("sara", online=True, held=2), LIMIT, "m4", "x", AT)
    assert session.pending_events == ()


def test_back_to_the_queue_it_is_queued_with_nobody_holding_it_and_may_be_joined_again(
) -> None:
    session = given(*HELD)
    session.return_to_queue(BY_SARA, "m4", "back in the queue", AT)
    assert session.pending_events == (
        SessionReturnedToQueue(from_agent="sara", by="sara", at=AT),
        SystemMessagePosted(message_id="m4", seq=4, text="back in the queue", at=AT))
    assert (session.status, session.agent) == (SessionStatus.QUEUED, None)
    session.join("omid", "m5", "omid joined", AT)
    assert (session.status, session.agent) == (SessionStatus.WITH_AGENT, "omid")


def test_a_closed_conversation_is_handed_nowhere() -> None:
    session = given(*HELD, CLOSED)
    with pytest.raises(SessionAlreadyClosed):
        session.transfer(BY_SARA, OMID, LIMIT, "m4", "x", AT)
    with pytest.raises(SessionAlreadyClosed):
        session.return_to_queue(BY_SARA, "m4", "x", AT)


def test_a_waiting_conversation_is_joined_not_handed_on() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    with pytest.raises(NobodyHoldsIt):
        session.transfer(Handover("boss", True, None), OMID, LIMIT, "m4", "x", AT)


def test_a_conversation_that_moved_since_it_was_seen_is_not_handed_on() -> None:
    """The losing side of a race: it saw sara holding it, omid holds it now."""
    moved = SessionTransferred(from_agent="sara", to_agent="omid", by="sara", at=AT)
    session = given(*HELD, moved)
    with pytest.raises(AlreadyAssigned):
        session.transfer(Handover("boss", True, "sara"), TransferTarget("reza", True, 0), LIMIT,
                         "m5", "x", AT)
    with pytest.raises(AlreadyAssigned):
        session.return_to_queue(BY_SARA, "m5", "x", AT)


def test_replay_rebuilds_the_holder() -> None:
    moved = SessionTransferred(from_agent="sara", to_agent="omid", by="sara", at=AT)
    assert given(*HELD, moved).agent == "omid"
    back = SessionReturnedToQueue(from_agent="sara", by="sara", at=AT)
    assert (given(*HELD, back).status, given(*HELD, back).agent) == (SessionStatus.QUEUED, None)


def test_put_back_it_waits_ahead_of_everyone_but_floods_stay_last() -> None:
    queue = Queue.rehydrate("queue", [
        SessionEnqueued(session_key="a", reason="r", at=AT),
        SessionEnqueued(session_key="f", reason="r", at=AT, flood=True),
        SessionEnqueued(session_key="b", reason="r", at=AT)])
    queue.requeue_at_head("x", "keyword:مشکل", AT)
    queue.requeue_at_head("y", "keyword:مشکل", AT)
    queue.requeue_at_head("z", "visitor_request", AT, flood=True)
    assert queue.pending_events[0] == SessionRequeued(session_key="x", reason="keyword:مشکل",
                                                      at=AT)
    assert [e.session_key for e in queue.entries] == ["y", "x", "a", "b", "z", "f"]
    queue.requeue_at_head("x", "again", AT)  # already waiting: keeps its place
    assert len(queue.pending_events) == 3
