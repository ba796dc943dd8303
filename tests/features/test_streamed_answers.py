"""Steps of streamed_answers.feature: the assistant is a scripted model that writes word by
word, and the conversation's live readers hear the pieces."""

from __future__ import annotations

import dataclasses

from pytest_bdd import given, parsers, scenarios, then

from application.messagebus import MessageBus
from application.ports import DraftReply
from tests.features.harness import Conversation, Pasokh
from tests.features.support import history
from tests.unit.fakes import ScriptedResponder

scenarios("streamed_answers.feature")


@given(parsers.parse('the assistant will answer "{text}" with confidence {confidence:f}'))
def assistant_will_answer(pasokh: Pasokh, text: str, confidence: float) -> None:
    services = dataclasses.replace(
        pasokh.services, responder=ScriptedResponder([DraftReply(text, confidence)]),
        signals=pasokh.pubsub)
    pasokh.services = services
    pasokh.bus = MessageBus(services, pasokh._unit_of_work)


@then(parsers.parse('the visitor saw the answer "{text}" written in pieces'))
def saw_it_written(conversation: Conversation, text: str) -> None:
    written = conversation.screen.written
    assert len(written) > 1 and "".join(written) == text


@then(parsers.parse('the assistant\'s answer "{text}" is kept'))
def answer_kept(pasokh: Pasokh, conversation: Conversation, text: str) -> None:
    last = history(pasokh, conversation).messages[-1]
    assert (last.sender, last.source, last.text) == ("bot", "ai", text)
    assert [m.text for m in conversation.screen.messages][-1] == text


@then("no answer of the assistant is kept")
def no_answer_kept(pasokh: Pasokh, conversation: Conversation) -> None:
    assert [m for m in history(pasokh, conversation).messages if m.source == "ai"] == []
