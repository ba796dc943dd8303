"""Steps of contact_when_offline.feature."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from application import queries
from domain.business_hours import DAYS, BusinessHours
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt

scenarios("contact_when_offline.feature")

ZONES = {"Tehran": ZoneInfo("Asia/Tehran")}
WEEKDAYS = {"Saturday": "sat", "Sunday": "sun", "Monday": "mon", "Tuesday": "tue",
            "Wednesday": "wed", "Thursday": "thu", "Friday": "fri"}


def local_moment(day: str, clock: str, city: str) -> datetime:
    """The next such moment from 2026-01-03, a Saturday."""
    offset = (DAYS[WEEKDAYS[day]] - 5) % 7
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(2026, 1, 3, hour, minute, tzinfo=ZONES[city]) + timedelta(days=offset)


@given(parsers.parse('the team works "{hours}" in {city}'))
def team_works(pasokh: Pasokh, hours: str, city: str) -> None:
    pasokh.keep_hours(BusinessHours.parse(hours), ZONES[city])


@given(parsers.parse("it is {day} {clock} in {city}"))
def it_is(pasokh: Pasokh, day: str, clock: str, city: str) -> None:
    pasokh.clock.current = local_moment(day, clock, city)


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


@when(parsers.parse('the visitor leaves the name "{name}" and the phone "{phone}"'))
def leaves_phone(pasokh: Pasokh, conversation: Conversation, name: str, phone: str) -> None:
    pasokh.do(c.LeaveContact(conversation.session_key, name=name, phone=phone))


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
