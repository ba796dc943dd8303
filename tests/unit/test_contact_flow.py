"""A contact left by a visitor nobody could answer: checked, recorded, listed for the desk."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from application import commands as c
from application.availability import TeamAvailability
from domain.business_hours import BusinessHours
from domain.contact import Contact
from domain.errors import InvalidContact, SessionAlreadyClosed
from domain.session_events import ContactLeft
from tests.unit.conftest import FixedClock
from tests.unit.fakes import App, ScriptedResponder, SwitchedPresence, build_app

THURSDAY_AFTERNOON = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)  # 15:30 in Tehran
HOURS = BusinessHours.parse("sat-wed 09:00-17:00; thu 09:00-13:00")


def app_with(presence: SwitchedPresence, clock: FixedClock | None = None) -> App:
    clock = clock or FixedClock(THURSDAY_AFTERNOON)
    team = TeamAvailability(HOURS, ZoneInfo("Asia/Tehran"), presence, clock)
    return build_app(ScriptedResponder(), clock=clock, availability=team)


def test_phones_read_persian_and_arabic_indic_digits_and_drop_separators() -> None:
    assert Contact.of(None, None, "۰۹۱۲ ۳۴۵-۶۷۸۹").phone == "09123456789"
    assert Contact.of(None, None, "+٩٨ (912) 345 6789").phone == "+989123456789"
    assert Contact.of("  Sara   Ahmadi ", "sara@example.com", None) == Contact(
        "Sara Ahmadi", "sara@example.com", None)


@pytest.mark.parametrize(("name", "email", "phone", "field"), [
    ("Sara", None, None, "email"), (None, "  ", "", "email"),
    (None, "sara@example", None, "email"), (None, "sara example.com", None, "email"),
    (None, None, "12345", "phone"), (None, None, "0912abc4567", "phone"),
    ("x" * 101, "sara@example.com", None, "name"),
])
def test_a_contact_needs_a_valid_email_or_phone(name: str | None, email: str | None,
                                                phone: str | None, field: str) -> None:
    with pytest.raises(InvalidContact) as refused:
        Contact.of(name, email, phone)
    assert refused.value.field == field


async def test_a_contact_left_out_of_hours_is_recorded_offline_and_listed() -> None:
    app = app_with(SwitchedPresence(online=True))  # agents on, but the hours are over
    key = (await app.bus.handle(c.StartSession())).session_key
    stored = await app.bus.handle(c.LeaveContact(key, "Sara", None, "۰۹۱۲۳۴۵۶۷۸۹"))
    assert stored == Contact("Sara", None, "09123456789")
    await app.bus.handle(c.LeaveContact(key, "Sara", None, "09123456789"))  # same: nothing new
    events = [r.event for r in app.log.streams[f"session-{key}"]
              if isinstance(r.event, ContactLeft)]
    assert events == [ContactLeft("Sara", None, "09123456789", True, THURSDAY_AFTERNOON)]
    [listed] = await app.read_models.contacts()
    assert (listed.session_key, listed.phone, listed.offline, listed.status) == (
        key, "09123456789", True, "bot")


async def test_in_hours_with_an_agent_online_the_contact_is_not_offline() -> None:
    clock = FixedClock(datetime(2026, 1, 3, 8, 0, tzinfo=UTC))  # Saturday 11:30 in Tehran
    app = app_with(SwitchedPresence(online=True), clock)
    first = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.LeaveContact(first, email="a@example.com"))
    clock.advance(60)
    second = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.LeaveContact(second, email="b@example.com"))
    listed = await app.read_models.contacts()
    assert [(x.session_key, x.email, x.offline) for x in listed] == [
        (second, "b@example.com", False), (first, "a@example.com", False)]


async def test_bad_input_or_a_closed_conversation_records_nothing() -> None:
    app = app_with(SwitchedPresence())
    key = (await app.bus.handle(c.StartSession())).session_key
    with pytest.raises(InvalidContact):
        await app.bus.handle(c.LeaveContact(key, "Sara"))
    await app.bus.handle(c.CloseSession(key, "visitor"))
    with pytest.raises(SessionAlreadyClosed):
        await app.bus.handle(c.LeaveContact(key, email="sara@example.com"))
    assert await app.read_models.contacts() == []


async def test_without_email_configured_nothing_can_be_mailed_and_nothing_is_owed() -> None:
    from application.errors import MailingOff
    from domain.session_events import MailQueued

    app = app_with(SwitchedPresence())
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.LeaveContact(key, email="sara@example.com"))
    with pytest.raises(MailingOff):
        await app.bus.handle(c.MailTranscript(key))
    assert not [r for r in app.log.streams[f"session-{key}"] if isinstance(r.event, MailQueued)]
