"""Steps of escalation.feature that no other feature uses."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from tests.features.harness import Conversation, Pasokh
from tests.features.support import queue_place

scenarios("escalation.feature")


@when(parsers.parse('another visitor writes "{text}"'), target_fixture="other_conversation")
def another_visitor_writes(pasokh: Pasokh, text: str) -> Conversation:
    other = pasokh.start_conversation()
    pasokh.do(c.PostVisitorMessage(other.session_key, text))
    return other


@when(parsers.parse('a third visitor writes "{text}"'), target_fixture="third_conversation")
def a_third_visitor_writes(pasokh: Pasokh, text: str) -> Conversation:
    third = pasokh.start_conversation()
    pasokh.do(c.PostVisitorMessage(third.session_key, text))
    return third


@then(parsers.parse('the third conversation waits in the queue at position {position:d} '
                    'because of "{reason}"'))
def third_waits(pasokh: Pasokh, third_conversation: Conversation, position: int,
                reason: str) -> None:
    assert queue_place(pasokh, third_conversation) == (position, reason)


@then(parsers.parse('the other conversation waits in the queue at position {position:d} '
                    'because of "{reason}"'))
def other_waits(pasokh: Pasokh, other_conversation: Conversation, position: int,
                reason: str) -> None:
    assert queue_place(pasokh, other_conversation) == (position, reason)


@then(parsers.parse('the queue shows the visitor\'s last message "{text}"'))
def queue_shows(pasokh: Pasokh, conversation: Conversation, text: str) -> None:
    entries = pasokh.run(pasokh.read_models.queue())
    assert [e.last_message for e in entries if e.session_key == conversation.session_key] == [text]
