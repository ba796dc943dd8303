"""Fixtures and the steps shared by every feature: FAQs, visitors, the queue, refusals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest
from pytest_bdd import given, parsers, then, when

from application import commands as c
from application.texts import say
from domain.business_hours import BusinessHours
from domain.faq import FAQContent
from tests.features.harness import Conversation, Pasokh, PolicyFailures
from tests.features.support import (
    LANGUAGES,
    RULES,
    STATUSES,
    ZONES,
    attempt,
    history,
    local_moment,
    queue_place,
    rows,
    speaker,
)


@pytest.fixture
def runner() -> Iterator[asyncio.Runner]:
    """One event loop per scenario, never installed as the thread's current loop."""
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as scenario_runner:
        yield scenario_runner


@pytest.fixture
def pasokh(runner: asyncio.Runner) -> Iterator[Pasokh]:
    failures = PolicyFailures()
    bus_log = logging.getLogger("application.messagebus")
    bus_log.addHandler(failures)
    app = Pasokh(runner)
    try:
        yield app
        app.shut_down()
    finally:
        bus_log.removeHandler(failures)
    if failures.records:
        pytest.fail("a policy failed: " + "; ".join(r.getMessage() for r in failures.records))


# -- Given ---------------------------------------------------------------------------------


@given("the FAQ catalog holds:")
def faq_catalog(pasokh: Pasokh, datatable: list[list[str]]) -> None:
    header, *entries = datatable
    for entry in entries:
        faq = dict(zip(header, entry, strict=True))
        keywords = tuple(k.strip() for k in faq.get("keywords", "").split(",") if k.strip())
        pasokh.do(c.AddFAQ(FAQContent(faq["question"], faq["answer"], keywords,
                                      priority=int(faq.get("priority") or 0)), faq_id=faq["faq"]))


@given("a visitor has opened a conversation", target_fixture="conversation")
def open_conversation(pasokh: Pasokh) -> Conversation:
    return pasokh.start_conversation()


@given(parsers.parse('the visitor has written "{text}"'))
@when(parsers.parse('the visitor writes "{text}"'))
def visitor_writes(pasokh: Pasokh, conversation: Conversation, text: str) -> None:
    pasokh.do(c.PostVisitorMessage(conversation.session_key, text))


@when(parsers.parse('the visitor tries to write "{text}"'), target_fixture="refusal")
def visitor_tries_to_write(pasokh: Pasokh, conversation: Conversation,
                           text: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.PostVisitorMessage(conversation.session_key, text)))


# -- Then ----------------------------------------------------------------------------------


@then(parsers.parse('the bot answers at once with the FAQ "{faq}"'))
def answered_from_faq(pasokh: Pasokh, conversation: Conversation, faq: str) -> None:
    entry = pasokh.run(pasokh.read_models.faq(faq))
    assert entry is not None
    *_, question, reply = history(pasokh, conversation).messages
    assert question.sender == "user"
    assert (reply.seq, reply.sender, reply.source, reply.faq_id, reply.text) == (
        question.seq + 1, "bot", "faq", faq, entry.answer)


@then(parsers.parse("the conversation is {status}"))
def conversation_status(pasokh: Pasokh, conversation: Conversation, status: str) -> None:
    assert history(pasokh, conversation).status == STATUSES[status]


@then("the bot stays silent")
def bot_silent(pasokh: Pasokh, conversation: Conversation) -> None:
    last = history(pasokh, conversation).messages[-1]
    assert last.sender == "user", f"the last message is from {speaker(last)}: {last.text}"


@then(parsers.parse('the conversation waits in the queue at position {position:d} because of '
                    '"{reason}"'))
def waits_in_queue(pasokh: Pasokh, conversation: Conversation, position: int,
                   reason: str) -> None:
    assert queue_place(pasokh, conversation) == (position, reason)


@then("the queue is empty")
def queue_empty(pasokh: Pasokh) -> None:
    assert pasokh.run(pasokh.read_models.queue()) == []


@then(parsers.parse("the visitor is told in {language} that a person will reply"))
def told_person_will_reply(pasokh: Pasokh, conversation: Conversation, language: str) -> None:
    last = history(pasokh, conversation).messages[-1]
    assert (last.sender, last.source, last.text) == (
        "system", "system", say("escalated", LANGUAGES[language]))


@then(parsers.parse("it is refused because {rule}"))
def refused(refusal: Exception | None, rule: str) -> None:
    assert isinstance(refusal, RULES[rule]), f"expected a refusal, got {refusal!r}"


@then("the visitor sees the conversation:")
def sees_conversation(pasokh: Pasokh, conversation: Conversation,
                      datatable: list[list[str]]) -> None:
    header, *expected = datatable
    assert header == ["message", "from", "text"]
    assert rows(history(pasokh, conversation).messages) == expected


@given(parsers.parse('agent "{agent}" has joined the conversation'))
@when(parsers.parse('agent "{agent}" joins the conversation'))
def agent_joins(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.JoinSession(conversation.session_key, agent))


@when(parsers.parse('agent "{agent}" writes "{text}"'))
def agent_writes(pasokh: Pasokh, conversation: Conversation, agent: str, text: str) -> None:
    pasokh.do(c.PostAgentMessage(conversation.session_key, agent, text))


@then("the conversation ends with:")
def ends_with(pasokh: Pasokh, conversation: Conversation, datatable: list[list[str]]) -> None:
    header, *expected = datatable
    assert header == ["from", "text"]
    messages = history(pasokh, conversation).messages[-len(expected):]
    assert [[speaker(m), m.text] for m in messages] == expected


# -- business hours and contacts (contact_when_offline, transcript_by_email) ---------------

@given(parsers.parse('the team works "{hours}" in {city}'))
def team_works(pasokh: Pasokh, hours: str, city: str) -> None:
    pasokh.keep_hours(BusinessHours.parse(hours), ZONES[city])


@given(parsers.parse("it is {day} {clock} in {city}"))
def it_is(pasokh: Pasokh, day: str, clock: str, city: str) -> None:
    pasokh.clock.current = local_moment(day, clock, city)


@when(parsers.parse('the visitor leaves the name "{name}" and the phone "{phone}"'))
def leaves_phone(pasokh: Pasokh, conversation: Conversation, name: str, phone: str) -> None:
    pasokh.do(c.LeaveContact(conversation.session_key, name=name, phone=phone))
