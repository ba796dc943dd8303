"""Emails owed by a conversation (MailQueued), sent after the commit that owed them, outside
any transaction, retried with backoff, and recorded (MailSent) once the server took them.
A crash before the record leaves the mail owed: the reconciler sends it again (ADR 0043)."""

from __future__ import annotations

import asyncio
import logging

from application.ports import Mailer, MailUnavailable, OutgoingMail, RecordedEvent, UnitOfWork
from application.services import Services
from application.transcript import Language, transcript
from application.views import SessionView
from domain.chat_session import ChatSession, session_key_in
from domain.session_events import MailQueued

log = logging.getLogger(__name__)

SUBJECTS = {"en": "Your conversation with us", "fa": "متن گفتگوی شما با ما"}


def compose(mail: MailQueued, session: ChatSession, view: SessionView,
            domain: str) -> OutgoingMail:
    lang: Language = "fa" if mail.lang == "fa" else "en"
    message_id = f"<{view.session_key[:12]}.{mail.mail_id}@{domain}>"
    if mail.kind == "transcript":
        return OutgoingMail(message_id, mail.to, SUBJECTS[lang], transcript(view, lang))
    contact = session.contact
    who = contact.name or contact.email or contact.phone if contact else "?"
    lines = ["A visitor left a way to reach them while nobody could answer.",
             f"Name: {contact.name or '-'}" if contact else "",
             f"Email: {contact.email or '-'}" if contact else "",
             f"Phone: {contact.phone or '-'}" if contact else "", "", transcript(view, "fa")]
    return OutgoingMail(message_id, mail.to, f"New contact: {who}", "\n".join(lines))


async def deliver_mail(recorded: RecordedEvent, svc: Services) -> None:
    """Policy for MailQueued: send it unless it is sent already, then record the sending."""
    mail = recorded.event
    key = session_key_in(recorded.stream_id)
    if svc.mailer is None or key is None or not isinstance(mail, MailQueued):
        return  # no SMTP_URL: the mail stays owed, and is sent once one is configured
    async with svc.uow() as uow:  # read only: never committed
        session = await uow.session(key)
    view = await svc.read_models.session(key)
    if session is None or view is None or mail.mail_id in session.mails_sent:
        return
    await _send_with_backoff(svc.mailer, svc, compose(mail, session, view, svc.mail_domain))
    await _record_sent(svc, key, mail.mail_id)


async def _send_with_backoff(mailer: Mailer, svc: Services, mail: OutgoingMail) -> None:
    for attempt in range(1, svc.mail_attempts + 1):
        try:
            await mailer.send(mail)
            return
        except MailUnavailable:
            if attempt == svc.mail_attempts:
                raise  # logged by the bus; the reconciler tries again later
            log.warning("mail %s not taken (attempt %d), trying again", mail.message_id, attempt)
            await asyncio.sleep(svc.mail_retry_pause * 2 ** (attempt - 1))


async def _record_sent(svc: Services, session_key: str, mail_id: str) -> None:
    async def work(uow: UnitOfWork) -> None:
        session = await uow.session(session_key)
        if session is not None:
            session.mail_sent(mail_id, svc.clock.now())

    await svc.in_transaction(work)
