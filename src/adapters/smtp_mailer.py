"""SmtpMailer: the Mailer port over SMTP with aiosmtplib (smtp:// with STARTTLS when the
server offers it, smtps:// with TLS from the start; user and password in the URL)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

import aiosmtplib

from application.ports import MailUnavailable, OutgoingMail

TIMEOUT_SECONDS = 20


class SmtpMailer:
    def __init__(self, url: str, sender: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://user:password@host:587 or "
                             "smtps://user:password@host:465")
        self._tls = parts.scheme == "smtps"
        self._host = parts.hostname
        self._port = parts.port or (465 if self._tls else 587)
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else None
        self._sender = sender

    async def send(self, mail: OutgoingMail) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = mail.to
        message["Subject"] = mail.subject  # encoded (RFC 2047) when not ASCII
        message["Message-ID"] = mail.message_id
        message["Date"] = formatdate(localtime=False)
        message.set_content(mail.body, charset="utf-8")
        try:
            await aiosmtplib.send(
                message, hostname=self._host, port=self._port, username=self._user,
                password=self._password, use_tls=self._tls, start_tls=None if not self._tls
                else False, timeout=TIMEOUT_SECONDS)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            raise MailUnavailable(str(error)) from error
