"""Steps of agent_queue.feature: places and waits in the queue, fair taking of visitors."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from application import queries
from application.rate_limits import HOUR, Limit
from domain.errors import AlreadyAssigned, TooManyChats
from domain.session_events import AgentJoined
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("agent_queue.feature")

ASK_FOR_A_PERSON = "I would like to talk to a human"


def asks_for_a_person(pasokh: Pasokh, network: str | None = None) -> Conversation:
    conversation = pasokh.start_conversation(network)
    pasokh.do(c.PostVisitorMessage(conversation.session_key, ASK_FOR_A_PERSON))
    return conversation


def place(pasokh: Pasokh, conversation: Conversation) -> queries.QueuePlace | None:
    return pasokh.run(queries.queue_place(pasokh.read_models, conversation.session_key))


def held_by(pasokh: Pasokh, agent: str) -> list[str]:
    return [chat.session_key for chat in pasokh.run(pasokh.read_models.active_chats())
            if chat.agent == agent]


# -- Given -----------------------------------------------------------------------------------


@given("three visitors have asked for a person, one after the other",
       target_fixture="waiting")
def three_waiting(pasokh: Pasokh) -> list[Conversation]:
    return [asks_for_a_person(pasokh) for _ in range(3)]


@given(parsers.parse('agent "{agent}" has taken {count:d} conversations'),
       target_fixture="taken")
def has_taken(pasokh: Pasokh, agent: str, count: int) -> list[Conversation]:
    taken = [asks_for_a_person(pasokh) for _ in range(count)]
    for conversation in taken:
        pasokh.do(c.JoinSession(conversation.session_key, agent))
    return taken


@given("another visitor has asked for a person", target_fixture="latecomer")
def another_waits(pasokh: Pasokh) -> Conversation:
    return asks_for_a_person(pasokh)


@given(parsers.parse("one network may send {count:d} conversations an hour to a person"))
def escalation_limit(pasokh: Pasokh, count: int) -> None:
    assert pasokh.services.throttle is not None
    pasokh.services.throttle.limits = replace(pasokh.services.throttle.limits,
                                              escalations_per_address=Limit(count, HOUR))


@given(parsers.parse("{count:d} conversations from the same network have asked for a person"),
       target_fixture="flood")
def flood_from_one_network(pasokh: Pasokh, count: int) -> list[Conversation]:
    return [asks_for_a_person(pasokh, "network-a") for _ in range(count)]


# -- When ------------------------------------------------------------------------------------


@when("a visitor from another network asks for a person", target_fixture="latecomer")
def another_network_asks(pasokh: Pasokh) -> Conversation:
    return asks_for_a_person(pasokh, "network-b")


@when(parsers.parse('agent "{agent}" takes the first visitor after {minutes:d} minutes'))
def takes_first_after(pasokh: Pasokh, waiting: list[Conversation], agent: str,
                      minutes: int) -> None:
    pasokh.clock.advance(minutes * 60)
    pasokh.do(c.JoinSession(waiting[0].session_key, agent))


@when(parsers.parse('agents "{first}" and "{second}" take the first visitor at the same moment'),
      target_fixture="outcomes")
def take_at_once(pasokh: Pasokh, waiting: list[Conversation], first: str,
                 second: str) -> dict[str, object]:
    key = waiting[0].session_key

    async def both() -> list[object]:
        outcomes = await asyncio.gather(pasokh.bus.handle(c.JoinSession(key, first)),
                                        pasokh.bus.handle(c.JoinSession(key, second)),
                                        return_exceptions=True)
        await pasokh.settle()
        return outcomes

    return dict(zip((first, second), pasokh.run(both()), strict=True))


@when(parsers.parse('agent "{agent}" takes the conversation'))
def takes_conversation(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.JoinSession(conversation.session_key, agent))


@when(parsers.parse('agent "{agent}" tries to take that visitor'), target_fixture="refusal")
def tries_to_take(pasokh: Pasokh, latecomer: Conversation, agent: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.JoinSession(latecomer.session_key, agent)))


@when(parsers.parse('agent "{agent}" takes that visitor'))
def takes_latecomer(pasokh: Pasokh, latecomer: Conversation, agent: str) -> None:
    pasokh.do(c.JoinSession(latecomer.session_key, agent))


@when(parsers.parse('agent "{agent}" closes one of her conversations'))
def closes_one(pasokh: Pasokh, taken: list[Conversation], agent: str) -> None:
    pasokh.do(c.CloseSession(taken[0].session_key, agent))


# -- Then ------------------------------------------------------------------------------------


@then("the visitors are told their places 1, 2 and 3, with no estimate of the wait yet")
def told_places(pasokh: Pasokh, waiting: list[Conversation]) -> None:
    assert [place(pasokh, visitor) for visitor in waiting] == [
        queries.QueuePlace(position, None) for position in (1, 2, 3)]


@then(parsers.parse('the {which} visitor is told place {position:d} and a wait of about '
                    '{minutes:d} minutes'))
def told_place_and_wait(pasokh: Pasokh, waiting: list[Conversation], which: str,
                        position: int, minutes: int) -> None:
    visitor = waiting[["first", "second", "third"].index(which)]
    assert place(pasokh, visitor) == queries.QueuePlace(position, minutes * 60)


@then(parsers.parse("that visitor is told place {position:d}"))
def latecomer_place(pasokh: Pasokh, latecomer: Conversation, position: int) -> None:
    told = place(pasokh, latecomer)
    assert told is not None and told.position == position


@then(parsers.parse("agents see the {count:d} conversations over the network's limit last, "
                    "marked as a flood"))
def flood_last(pasokh: Pasokh, flood: list[Conversation], latecomer: Conversation,
               count: int) -> None:
    queue = pasokh.run(pasokh.read_models.queue())
    allowed = len(flood) - count
    assert [e.session_key for e in queue] == [c.session_key for c in flood[:allowed]] + \
        [latecomer.session_key] + [c.session_key for c in flood[allowed:]]
    assert [e.flood for e in queue] == [False] * (allowed + 1) + [True] * count


@then("only one of them has the conversation, and the other is told it is already taken")
def one_winner(pasokh: Pasokh, waiting: list[Conversation], outcomes: dict[str, object]) -> None:
    losers = [agent for agent, outcome in outcomes.items() if isinstance(outcome, AlreadyAssigned)]
    winners = [agent for agent in outcomes if agent not in losers]
    assert len(losers) == 1 and len(winners) == 1
    assert history(pasokh, waiting[0]).agent == winners[0]


@then("the conversation records a single agent joining")
def one_join(pasokh: Pasokh, waiting: list[Conversation]) -> None:
    stream = f"session-{waiting[0].session_key}"
    joins = [r for r in pasokh.log.records
             if r.stream_id == stream and isinstance(r.event, AgentJoined)]
    assert len(joins) == 1


@then("sara sees the conversation from the visitor's first message")
def sees_everything(pasokh: Pasokh, conversation: Conversation) -> None:
    view = pasokh.run(queries.history(pasokh.read_models, conversation.session_key))
    assert [m.seq for m in view.messages] == list(range(1, len(view.messages) + 1))
    assert view.messages[0].sender == "user"


@then(parsers.parse('sara sees it came to a person because "{reason}"'))
def sees_reason(pasokh: Pasokh, conversation: Conversation, reason: str) -> None:
    view = pasokh.run(queries.history(pasokh.read_models, conversation.session_key))
    assert view.escalation_reason == reason


@then("sara is told she already has as many conversations as allowed")
def told_too_many(refusal: Exception | None) -> None:
    assert isinstance(refusal, TooManyChats), f"expected a refusal, got {refusal!r}"


@then(parsers.parse('agent "{agent}" has {count:d} conversations'))
def has_count(pasokh: Pasokh, agent: str, count: int) -> None:
    assert len(held_by(pasokh, agent)) == count
