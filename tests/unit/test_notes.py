"""Agents' notes on a conversation: given events, when an agent leaves a note, then events.
A note takes no seq of its own, so the visitor's messages keep theirs without a gap."""

from __future__ import annotations

import pytest

from domain.errors import InvalidMessage, SessionAlreadyClosed
from domain.session_events import NoteLeft, VisitorMessagePosted
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


def test_a_note_follows_the_last_message_and_is_trimmed() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)
    session.leave_note("sara", "n1", "  refund asked twice already  ", AT)
    assert session.pending_events == (
        NoteLeft(note_id="n1", agent="sara", text="refund asked twice already", after_seq=3,
                 at=AT),)
    assert session.notes == ["n1"]


def test_any_agent_may_note_a_waiting_conversation_and_notes_take_no_seq() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    session.leave_note("reza", "n1", "VIP customer", AT)
    session.post_visitor_message("m3", "hello?", None, AT)
    assert session.pending_events[-1] == VisitorMessagePosted(
        message_id="m3", seq=3, text="hello?", client_id=None, at=AT)
    assert [m.seq for m in session.messages] == [1, 2, 3]


def test_a_note_survives_replay() -> None:
    note = NoteLeft(note_id="n1", agent="sara", text="x", after_seq=1, at=AT)
    assert given(STARTED, ASKED, note).notes == ["n1"]


def test_a_closed_conversation_takes_no_note() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE, CLOSED)
    with pytest.raises(SessionAlreadyClosed):
        session.leave_note("sara", "n1", "too late", AT)
    assert session.pending_events == ()


@pytest.mark.parametrize("text", ["   ", "x" * 4001])
def test_an_empty_or_too_long_note_is_refused(text: str) -> None:
    session = given(STARTED, ASKED)
    with pytest.raises(InvalidMessage):
        session.leave_note("sara", "n1", text, AT)
    assert session.pending_events == ()
