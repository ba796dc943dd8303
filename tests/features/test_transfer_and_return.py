"""Steps of transfer_and_return.feature: conversations handed on, or back to the queue."""

from __future__ import annotations

import asyncio
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from domain.session_events import SessionReturnedToQueue, SessionTransferred
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("transfer_and_return.feature")


@given(parsers.re(r"the team is (?P<team>.+), each taking at most (?P<limit>\d+) "
                  r"conversations"))
def the_team(pasokh: Pasokh, team: str, limit: str) -> None:
    names = dict(part.strip().split(" ", 1) for part in team.replace(" and ", ", ").split(","))
    pasokh.staff({name.strip('"'): shown.strip("()") for name, shown in names.items()},
                 int(limit))


@given(parsers.parse('"{first}" and "{second}" are at the desk'))
def at_the_desk(pasokh: Pasokh, first: str, second: str) -> None:
    pasokh.at_desk.update({first, second})


@given("another visitor has asked for a person")
def another_waits(pasokh: Pasokh) -> None:
    other = pasokh.start_conversation()
    pasokh.do(c.PostVisitorMessage(other.session_key, "I want to talk to a human"))


@given(parsers.parse('agent "{agent}" has taken {count:d} other conversations'))
def taken_others(pasokh: Pasokh, agent: str, count: int) -> None:
    for _ in range(count):
        other = pasokh.start_conversation()
        pasokh.do(c.PostVisitorMessage(other.session_key, "I want to talk to a human"))
        pasokh.do(c.JoinSession(other.session_key, agent))


@when(parsers.parse('agent "{agent}" hands the conversation to "{colleague}"'))
def hands_on(pasokh: Pasokh, conversation: Conversation, agent: str, colleague: str) -> None:
    pasokh.do(c.TransferSession(conversation.session_key, agent, colleague))


@when(parsers.parse('team lead "{lead}" hands the conversation to "{colleague}"'))
def lead_hands_on(pasokh: Pasokh, conversation: Conversation, lead: str,
                  colleague: str) -> None:
    pasokh.do(c.TransferSession(conversation.session_key, lead, colleague, by_admin=True))


@when(parsers.parse('agent "{agent}" tries to hand the conversation to "{colleague}"'),
      target_fixture="refusal")
def tries_to_hand_on(pasokh: Pasokh, conversation: Conversation, agent: str,
                     colleague: str) -> Exception | None:
    return attempt(lambda: hands_on(pasokh, conversation, agent, colleague))


@when(parsers.parse('agent "{agent}" puts the conversation back in the queue'))
def puts_back(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.TransferSession(conversation.session_key, agent, None))


@when(parsers.parse('agent "{agent}" hands the conversation to "{colleague}" and, at the same '
                    'moment, back to the queue'), target_fixture="outcomes")
def both_at_once(pasokh: Pasokh, conversation: Conversation, agent: str,
                 colleague: str) -> list[Any]:
    key = conversation.session_key

    async def race() -> list[Any]:
        outcomes = await asyncio.gather(
            pasokh.bus.handle(c.TransferSession(key, agent, colleague)),
            pasokh.bus.handle(c.TransferSession(key, agent, None)), return_exceptions=True)
        await pasokh.settle()
        return list(outcomes)

    return pasokh.run(race())


@then(parsers.parse('"{agent}" holds the conversation'))
def holds(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    assert history(pasokh, conversation).agent == agent
    chats = pasokh.run(pasokh.read_models.active_chats())
    assert (conversation.session_key, agent) in [(ch.session_key, ch.agent) for ch in chats]


@then("only one of them happens, and the other is refused")
def only_one(pasokh: Pasokh, outcomes: list[Any]) -> None:
    assert sum(isinstance(o, Exception) for o in outcomes) == 1, outcomes
    handovers = [r for r in pasokh.log.records
                 if isinstance(r.event, SessionTransferred | SessionReturnedToQueue)]
    assert len(handovers) == 1


@given(parsers.parse('agent "{agent}" has closed the conversation'))
def closed(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.CloseSession(conversation.session_key, agent))
