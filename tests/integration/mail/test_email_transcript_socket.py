"""The visitor's email_transcript frame over the socket, with the service mailing through a
real SMTP server (memory, SQLite and PostgreSQL)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.api import conftest as api
from tests.integration.api.support import Connect, Socket, start_session
from tests.integration.mail.smtp_server import Inbox, smtp_server

settings, migrated_postgres, app, client = api.settings, api.migrated_postgres, api.app, api.client
connect = api.connect


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def container(settings: Settings, inbox: Inbox) -> Container:
    return create_container(settings.model_copy(update={
        "smtp_url": SecretStr(inbox.url), "smtp_from": "desk@clinic.example"}))


def until(socket: Socket, kind: str) -> dict[str, object]:
    return socket.receive_until(lambda frame: frame["type"] == kind)[-1]


def arrived(inbox: Inbox, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(inbox.mails) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(inbox.mails) == count


def test_a_visitor_who_left_an_email_gets_the_transcript(
        client: object, connect: Connect, inbox: Inbox) -> None:
    key = start_session(client)  # type: ignore[arg-type]
    socket = connect(key)
    socket.receive()
    socket.send({"type": "email_transcript"})
    refused = until(socket, "error")
    assert (refused["code"], refused["frame_type"]) == ("invalid", "email_transcript")
    assert str(refused["message"]).startswith("email:")
    socket.send({"type": "contact", "name": "سارا", "email": "sara@example.com"})
    until(socket, "contact")
    socket.send({"type": "message", "text": "ساعت کاری شما چیست؟"})
    socket.send({"type": "email_transcript", "lang": "fa"})
    assert until(socket, "email_transcript") == {"type": "email_transcript",
                                                 "to": "sara@example.com"}
    arrived(inbox, 1)
    assert inbox.mails[0]["Subject"] == "متن گفتگوی شما با ما"
    assert "] شما: ساعت کاری شما چیست؟" in inbox.mails[0].get_content()
