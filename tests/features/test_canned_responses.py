"""Steps of canned_responses.feature: saved replies, found by shortcut and sent by agents."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.memory.canned import InMemoryCannedResponses
from application import canned
from application import commands as c
from domain.canned import CannedResponse
from tests.features.harness import Conversation, Pasokh, SimpleIds
from tests.features.support import attempt

scenarios("canned_responses.feature")


IDS = SimpleIds()


@pytest.fixture
def saved() -> InMemoryCannedResponses:
    return InMemoryCannedResponses()


def save(pasokh: Pasokh, saved: InMemoryCannedResponses, shortcut: str, text: str) -> None:
    pasokh.run(canned.add(saved, IDS, shortcut, text))


@given("the support manager has saved these replies:")
def saved_replies(pasokh: Pasokh, saved: InMemoryCannedResponses,
                  datatable: list[list[str]]) -> None:
    for shortcut, text in datatable[1:]:
        save(pasokh, saved, shortcut.strip(), text.strip())


@when(parsers.parse('an agent types "{typed}" in the reply box'), target_fixture="offered")
def types(pasokh: Pasokh, saved: InMemoryCannedResponses, typed: str) -> list[CannedResponse]:
    return [reply for reply in pasokh.run(saved.all()) if reply.offered_for(typed)]


@then(parsers.parse('the saved replies "{names}" are offered'))
def are_offered(offered: list[CannedResponse], names: str) -> None:
    assert [reply.shortcut for reply in offered] == [n.strip() for n in names.split(",")]


@when(parsers.parse('agent "{agent}" sends the saved reply "{shortcut}"'))
def sends_saved(pasokh: Pasokh, saved: InMemoryCannedResponses, conversation: Conversation,
                agent: str, shortcut: str) -> None:
    [reply] = [r for r in pasokh.run(saved.all()) if r.shortcut == shortcut]
    pasokh.do(c.PostAgentMessage(conversation.session_key, agent, reply.text))


@when(parsers.parse('the support manager tries to save a reply named "{shortcut}"'),
      target_fixture="refusal")
def tries_name(pasokh: Pasokh, saved: InMemoryCannedResponses, shortcut: str) -> Exception | None:
    return attempt(lambda: save(pasokh, saved, shortcut, "Another text."))


@when(parsers.parse("the support manager tries to save a reply of {length:d} characters"),
      target_fixture="refusal")
def tries_long(pasokh: Pasokh, saved: InMemoryCannedResponses, length: int) -> Exception | None:
    return attempt(lambda: save(pasokh, saved, "long", "x" * length))
