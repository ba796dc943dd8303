"""Steps of agent_notes.feature: notes among the agents, never on the visitor's side."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("agent_notes.feature")


@when(parsers.parse('agent "{agent}" leaves the note "{text}"'))
def leaves_note(pasokh: Pasokh, conversation: Conversation, agent: str, text: str) -> None:
    pasokh.do(c.LeaveNote(conversation.session_key, agent, text))


@when(parsers.parse('agent "{agent}" tries to leave the note "{text}"'),
      target_fixture="refusal")
def tries_note(pasokh: Pasokh, conversation: Conversation, agent: str,
               text: str) -> Exception | None:
    return attempt(lambda: leaves_note(pasokh, conversation, agent, text))


@given(parsers.parse('agent "{agent}" has closed the conversation'))
def closed(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.CloseSession(conversation.session_key, agent))


@then(parsers.parse('the agents see the note "{text}" from "{agent}" after the visitor\'s '
                    'first message'))
def agents_see(pasokh: Pasokh, conversation: Conversation, text: str, agent: str) -> None:
    notes = pasokh.run(pasokh.read_models.notes(conversation.session_key))
    first_question = next(m for m in history(pasokh, conversation).messages if m.sender == "user")
    assert [(n.sender, n.agent, n.text) for n in notes] == [("note", agent, text)]
    assert notes[0].seq >= first_question.seq


@then(parsers.parse('the visitor never sees the note "{text}"'))
def visitor_never_sees(pasokh: Pasokh, conversation: Conversation, text: str) -> None:
    pasokh.run(pasokh.settle())
    assert text not in [m.text for m in history(pasokh, conversation).messages]
    assert conversation.screen.messages, "the visitor was shown nothing live"
    assert text not in [m.text for m in conversation.screen.messages]


@then("the visitor's messages are numbered without a gap")
def numbered(pasokh: Pasokh, conversation: Conversation) -> None:
    seqs = [m.seq for m in history(pasokh, conversation).messages]
    assert seqs == list(range(1, len(seqs) + 1))
