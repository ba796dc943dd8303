"""Steps of auto_assignment.feature: Pasokh hands conversations to the least busy agent."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.assignment_board import InMemoryAssignmentBoard
from adapters.memory.presence import InMemoryAgentPresence
from application import commands as c
from application.assignment import AutoAssignment
from application.messagebus import MessageBus
from application.ports import AgentAccount
from application.services import ChatRules
from tests.features.harness import Conversation, Pasokh
from tests.features.support import history

scenarios("auto_assignment.feature")

ASK_FOR_A_PERSON = "I would like to talk to a human"


def team(pasokh: Pasokh) -> AutoAssignment:
    assert pasokh.services.assignment is not None
    return pasokh.services.assignment


def presence(pasokh: Pasokh) -> InMemoryAgentPresence:
    assert isinstance(team(pasokh).presence, InMemoryAgentPresence)
    return team(pasokh).presence


def comes_online(pasokh: Pasokh, agent: str) -> None:
    pasokh.run(team(pasokh).accounts.save(AgentAccount(agent, "-", agent.title(),
                                                       pasokh.clock.now(), role="agent")))
    pasokh.run(presence(pasokh).arrive(f"desk-{agent}", agent))
    pasokh.do(c.AssignWaiting())  # what the desk does when it opens


def asks_for_a_person(pasokh: Pasokh) -> Conversation:
    conversation = pasokh.start_conversation()
    pasokh.do(c.PostVisitorMessage(conversation.session_key, ASK_FOR_A_PERSON))
    pasokh.clock.advance(30)
    return conversation


def held_by(pasokh: Pasokh, agent: str) -> list[str]:
    return [chat.session_key for chat in pasokh.run(pasokh.read_models.active_chats())
            if chat.agent == agent]


def waiting(pasokh: Pasokh) -> list[str]:
    return [entry.session_key for entry in pasokh.run(pasokh.read_models.queue())]


# -- Given -----------------------------------------------------------------------------------


@given(parsers.parse("conversations are handed out automatically, at most {count:d} per agent"))
def handed_out_automatically(pasokh: Pasokh, count: int) -> None:
    assignment = AutoAssignment(InMemoryAgentPresence(), InMemoryAssignmentBoard(),
                                InMemoryAgentAccounts())
    pasokh.services = replace(pasokh.services, assignment=assignment,
                              rules=ChatRules(agent_max_chats=count))
    pasokh.bus = MessageBus(pasokh.services, pasokh.services.uow)


@given(parsers.parse('agents "{first}" and "{second}" are online'))
def two_online(pasokh: Pasokh, first: str, second: str) -> None:
    comes_online(pasokh, first)
    comes_online(pasokh, second)


@given(parsers.parse('agent "{agent}" is online'))
def one_online(pasokh: Pasokh, agent: str) -> None:
    comes_online(pasokh, agent)


@given(parsers.parse('agent "{agent}" already has a conversation'))
def already_has_one(pasokh: Pasokh, agent: str) -> None:
    conversation = pasokh.start_conversation()
    pasokh.do(c.JoinSession(conversation.session_key, agent))


@given(parsers.parse('agent "{agent}" finished {pronoun} last conversation {minutes:d} minutes '
                     'ago'))
def finished_ago(pasokh: Pasokh, agent: str, pronoun: str, minutes: int) -> None:
    conversation = pasokh.start_conversation()
    pasokh.do(c.JoinSession(conversation.session_key, agent))
    was = pasokh.clock.now()
    pasokh.clock.current = was - timedelta(minutes=minutes)
    pasokh.do(c.CloseSession(conversation.session_key, agent))
    pasokh.clock.current = was


@given(parsers.parse('agent "{agent}" has stepped away'))
def stepped_away(pasokh: Pasokh, agent: str) -> None:
    pasokh.run(presence(pasokh).choose(agent, "away"))


# -- When ------------------------------------------------------------------------------------


@when("a visitor asks for a person", target_fixture="visitors")
def one_asks(pasokh: Pasokh) -> list[Conversation]:
    return [asks_for_a_person(pasokh)]


@when(parsers.parse("{count:d} visitors ask for a person"), target_fixture="visitors")
def several_ask(pasokh: Pasokh, count: int) -> list[Conversation]:
    return [asks_for_a_person(pasokh) for _ in range(count)]


@when(parsers.parse('agent "{agent}" closes one of her conversations'))
def closes_one(pasokh: Pasokh, agent: str) -> None:
    pasokh.do(c.CloseSession(held_by(pasokh, agent)[0], agent))


@when(parsers.parse('agent "{agent}" comes online'))
def agent_comes_online(pasokh: Pasokh, agent: str) -> None:
    comes_online(pasokh, agent)


# -- Then ------------------------------------------------------------------------------------


@then(parsers.parse('the visitor is with agent "{agent}"'))
def visitor_with(pasokh: Pasokh, visitors: list[Conversation], agent: str) -> None:
    view = history(pasokh, visitors[0])
    assert (view.status, view.agent) == ("with_agent", agent)


@then(parsers.parse('the visitor is told "{agent}" joined'))
def told_joined(pasokh: Pasokh, visitors: list[Conversation], agent: str) -> None:
    assert agent.title() in visitors[0].screen.messages[-1].text


@then(parsers.parse('agent "{agent}" has {count:d} conversations and {left:d} visitor waits'))
def has_and_waits(pasokh: Pasokh, visitors: list[Conversation], agent: str, count: int,
                  left: int) -> None:
    assert held_by(pasokh, agent) == [v.session_key for v in visitors[:count]]
    assert waiting(pasokh) == [v.session_key for v in visitors[count:count + left]]


@then(parsers.parse('agent "{agent}" has no conversation'))
def has_none(pasokh: Pasokh, agent: str) -> None:
    assert held_by(pasokh, agent) == []


@then(parsers.parse('the visitor who waited is with agent "{agent}"'))
def waited_then_taken(pasokh: Pasokh, visitors: list[Conversation], agent: str) -> None:
    view = history(pasokh, visitors[-1])
    assert (view.status, view.agent) == ("with_agent", agent)


@then("nobody waits")
def nobody_waits(pasokh: Pasokh) -> None:
    assert waiting(pasokh) == []


@then(parsers.parse("{count:d} visitors wait"))
def several_wait(pasokh: Pasokh, visitors: list[Conversation], count: int) -> None:
    assert waiting(pasokh) == [v.session_key for v in visitors[:count]]


@then(parsers.parse('the first {count:d} visitors are with agent "{agent}" and the third waits'))
def first_taken_third_waits(pasokh: Pasokh, visitors: list[Conversation], count: int,
                            agent: str) -> None:
    assert held_by(pasokh, agent) == [v.session_key for v in visitors[:count]]
    assert waiting(pasokh) == [v.session_key for v in visitors[count:]]
