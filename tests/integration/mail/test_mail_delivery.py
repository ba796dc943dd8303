"""Emails through the bus to a real SMTP server: the transcript to the visitor, a notice to
the team for a contact left offline; retried with backoff, recorded once the server took
them, and sent by the reconciler when a crash left them owed (ADR 0043)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from adapters.smtp_mailer import SmtpMailer
from application import commands as c
from application.availability import TeamAvailability
from application.messagebus import MessageBus
from application.ports import MailUnavailable, OutgoingMail
from application.reconcile import Reconciler
from application.services import Services
from domain.business_hours import BusinessHours
from domain.session_events import MailQueued, MailSent
from tests.integration.mail.smtp_server import Inbox
from tests.unit.conftest import FixedClock
from tests.unit.fakes import App, ScriptedResponder, SwitchedPresence, build_app

FRIDAY = datetime(2026, 1, 2, 7, 0, tzinfo=UTC)  # closed all day in Tehran
HOURS = BusinessHours.parse("sat-wed 09:00-17:00")


@dataclass
class FlakyMailer:
    """The real mailer behind a line that drops the first `failures` attempts."""

    inner: SmtpMailer
    failures: int = 0
    attempts: list[str] = field(default_factory=list)

    async def send(self, mail: OutgoingMail) -> None:
        self.attempts.append(mail.message_id)
        if len(self.attempts) <= self.failures:
            raise MailUnavailable("connection reset")
        await self.inner.send(mail)


def mailing_app(inbox: Inbox, failures: int = 0, notify: str | None = None) -> App:
    clock = FixedClock(FRIDAY)
    team = TeamAvailability(HOURS, ZoneInfo("Asia/Tehran"), SwitchedPresence(), clock)
    app = build_app(ScriptedResponder(), clock=clock, availability=team)
    mailer = FlakyMailer(SmtpMailer(inbox.url, "Clinic <desk@clinic.example>"), failures)
    services = replace(app.services, mailer=mailer, notify_email=notify,
                       mail_domain="clinic.example", mail_retry_pause=0.01, mail_attempts=3)
    return rebuilt(app, services)


def rebuilt(app: App, services: Services) -> App:
    return replace(app, bus=MessageBus(services, app.services.uow), services=services)


def events(app: App, key: str, kind: type) -> list[object]:
    return [r.event for r in app.log.streams[f"session-{key}"] if isinstance(r.event, kind)]


async def test_a_visitor_gets_the_transcript_in_persian_by_email(inbox: Inbox) -> None:
    app = mailing_app(inbox)
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "سلام، ساعت کاری شما چیست؟"))
    await app.bus.handle(c.LeaveContact(key, "سارا", "sara@example.com"))
    assert await app.bus.handle(c.MailTranscript(key, "fa")) == "sara@example.com"
    await app.bus.idle()
    [mail] = inbox.mails
    assert inbox.recipients == [["sara@example.com"]] and inbox.logins == ["pasokh"]
    assert mail["Subject"] == "متن گفتگوی شما با ما"
    assert mail["From"] == "Clinic <desk@clinic.example>"
    assert mail["Message-ID"] == f"<{key[:12]}.transcript-1@clinic.example>"
    body = mail.get_content()
    assert "] شما: سلام، ساعت کاری شما چیست؟" in body
    assert events(app, key, MailSent) == [MailSent("transcript-1", FRIDAY)]
    assert await app.read_models.sessions_owing_mail(10) == []


async def test_the_team_hears_of_each_contact_left_offline_once(inbox: Inbox) -> None:
    app = mailing_app(inbox, notify="team@clinic.example")
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
    await app.bus.handle(c.LeaveContact(key, "سارا", None, "۰۹۱۲ ۳۴۵ ۶۷۸۹"))
    await app.bus.handle(c.LeaveContact(key, "سارا", None, "۰۹۱۲ ۳۴۵ ۶۷۸۹"))  # same: nothing
    await app.bus.idle()
    [notice] = inbox.mails
    assert inbox.recipients == [["team@clinic.example"]]
    assert notice["Subject"] == "New contact: سارا"
    assert "Phone: 09123456789" in notice.get_content()
    assert "I want to talk to a human" in notice.get_content()


async def test_a_mail_the_server_did_not_take_is_retried_with_backoff(inbox: Inbox) -> None:
    app = mailing_app(inbox, failures=2)
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.LeaveContact(key, email="sara@example.com"))
    await app.bus.handle(c.MailTranscript(key))
    await app.bus.idle()
    assert len(app.services.mailer.attempts) == 3  # type: ignore[union-attr]
    assert len(inbox.mails) == 1 and len(events(app, key, MailSent)) == 1


async def test_a_mail_left_owed_by_a_crash_is_sent_by_the_reconciler_once(inbox: Inbox) -> None:
    app = mailing_app(inbox, failures=3)  # every attempt of the live policy fails
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.LeaveContact(key, email="sara@example.com"))
    await app.bus.handle(c.MailTranscript(key))
    await app.bus.idle()
    assert inbox.mails == [] and events(app, key, MailSent) == []
    assert await app.read_models.sessions_owing_mail(10) == [key]
    app.services.clock.advance(60)  # type: ignore[attr-defined]
    reconciler = Reconciler(app.bus, app.services, grace_seconds=30)
    repairs = await reconciler.run_once()
    assert [(r.kind, r.session_key) for r in repairs] == [("mail", key)]
    assert len(inbox.mails) == 1 and len(events(app, key, MailSent)) == 1
    assert await reconciler.run_once() == [] and len(inbox.mails) == 1
    assert len(events(app, key, MailQueued)) == 1
