"""Steps of transcript_by_email.feature (the contact and hours steps are shared)."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from domain.session_events import MailQueued, MailSent
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt

scenarios("transcript_by_email.feature")


@given(parsers.parse('email is sent, and the team hears of contacts at "{address}"'))
def email_is_sent(pasokh: Pasokh, address: str) -> None:
    pasokh.send_mail(notify=address)


@given(parsers.parse('the visitor has left the email "{address}"'))
def left_email(pasokh: Pasokh, conversation: Conversation, address: str) -> None:
    pasokh.do(c.LeaveContact(conversation.session_key, email=address))


@when("the visitor asks for the conversation by email in Persian")
def asks_in_persian(pasokh: Pasokh, conversation: Conversation) -> None:
    pasokh.do(c.MailTranscript(conversation.session_key, "fa"))


@when("the visitor tries to ask for the conversation by email", target_fixture="refusal")
def tries_to_ask(pasokh: Pasokh, conversation: Conversation) -> Exception | None:
    return attempt(lambda: pasokh.do(c.MailTranscript(conversation.session_key)))


@then(parsers.parse('"{address}" receives an email titled "{subject}" holding "{words}"'))
def receives(pasokh: Pasokh, address: str, subject: str, words: str) -> None:
    [mail] = [m for m in pasokh.mailed if m.to == address]
    assert mail.subject == subject and words in mail.body


@then(parsers.parse('the email to "{address}" is recorded as sent'))
def recorded_sent(pasokh: Pasokh, conversation: Conversation, address: str) -> None:
    events = [r.event for r in pasokh.log.streams[f"session-{conversation.session_key}"]]
    [owed] = [e.mail_id for e in events if isinstance(e, MailQueued) and e.to == address]
    assert [e for e in events if isinstance(e, MailSent) and e.mail_id == owed] != []


@then("nobody receives an email")
def nobody(pasokh: Pasokh) -> None:
    assert pasokh.mailed == []


@then("nobody else receives an email")
def nobody_else(pasokh: Pasokh) -> None:
    assert len(pasokh.mailed) == 1
