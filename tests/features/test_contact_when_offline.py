"""Steps of contact_when_offline.feature."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from application import queries
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, local_moment

scenarios("contact_when_offline.feature")



@given("no agent has the desk open")
def nobody_on(pasokh: Pasokh) -> None:
    pasokh.agents_online = False


@given("an agent has the desk open")
def agent_on(pasokh: Pasokh) -> None:
    pasokh.agents_online = True


def place(pasokh: Pasokh, conversation: Conversation) -> queries.QueuePlace:
    found = pasokh.run(queries.queue_place(pasokh.read_models, conversation.session_key,
                                           pasokh.services.availability))
    assert found is not None, "the conversation does not wait in the queue"
    return found


@then(parsers.parse("the visitor is told nobody can answer until {day} {clock} in {city}"))
def told_until(pasokh: Pasokh, conversation: Conversation, day: str, clock: str,
               city: str) -> None:
    waiting = place(pasokh, conversation)
    now = pasokh.clock.now()
    back = local_moment(day, clock, city)
    while back <= now:  # the next such moment
        back += timedelta(days=7)
    assert waiting.offline and waiting.opens_at == back


@then("the visitor is told nobody can answer, without a time")
def told_offline(pasokh: Pasokh, conversation: Conversation) -> None:
    waiting = place(pasokh, conversation)
    assert waiting.offline and waiting.opens_at is None


@then("the visitor is told their place in the queue")
def told_place(pasokh: Pasokh, conversation: Conversation) -> None:
    waiting = place(pasokh, conversation)
    assert (waiting.position, waiting.offline) == (1, False)




@when(parsers.re(r'the visitor tries to leave the name "(?P<name>[^"]*)", the email '
                 r'"(?P<email>[^"]*)" and the phone "(?P<phone>[^"]*)"'),
      target_fixture="refusal")
def tries_to_leave(pasokh: Pasokh, conversation: Conversation, name: str, email: str,
                   phone: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.LeaveContact(conversation.session_key, name, email,
                                                    phone)))


@then(parsers.parse('the desk lists the conversation with the phone "{phone}", left while '
                    "offline"))
def listed(pasokh: Pasokh, conversation: Conversation, phone: str) -> None:
    [contact] = pasokh.run(pasokh.read_models.contacts())
    assert (contact.session_key, contact.phone, contact.offline) == (
        conversation.session_key, phone, True)


@then("the desk lists no contact")
def none_listed(pasokh: Pasokh) -> None:
    assert pasokh.run(pasokh.read_models.contacts()) == []
