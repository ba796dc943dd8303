"""Steps of resend.feature: client ids make a resend idempotent."""

from __future__ import annotations

import asyncio

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from domain.message import Message
from tests.features.harness import Conversation, Pasokh
from tests.features.support import history

scenarios("resend.feature")


def post(pasokh: Pasokh, conversation: Conversation, text: str, client_id: str) -> Message:
    message: Message = pasokh.do(c.PostVisitorMessage(conversation.session_key, text, client_id))
    return message


@when(parsers.parse('the visitor sends "{text}" with client id "{client_id}"'),
      target_fixture="acknowledgements")
def send(pasokh: Pasokh, conversation: Conversation, text: str,
         client_id: str) -> list[Message]:
    return [post(pasokh, conversation, text, client_id)]


@when(parsers.parse('the page resends "{text}" with client id "{client_id}"'),
      target_fixture="acknowledgements")
def resend(pasokh: Pasokh, conversation: Conversation, text: str, client_id: str,
           acknowledgements: list[Message]) -> list[Message]:
    return [*acknowledgements, post(pasokh, conversation, text, client_id)]


@when(parsers.parse('two copies of "{text}" with client id "{client_id}" arrive at the same '
                    'moment'), target_fixture="acknowledgements")
def send_twice_at_once(pasokh: Pasokh, conversation: Conversation, text: str,
                       client_id: str) -> list[Message]:
    command = c.PostVisitorMessage(conversation.session_key, text, client_id)

    async def race() -> list[Message]:
        copies = await asyncio.gather(pasokh.bus.handle(command), pasokh.bus.handle(command))
        await pasokh.settle()
        return list(copies)

    return pasokh.run(race())


@then("both sendings are acknowledged as the same message")
def same_acknowledgement(acknowledgements: list[Message]) -> None:
    first, second = acknowledgements
    assert (second.id, second.seq) == (first.id, first.seq)


@then(parsers.parse("the conversation holds {count:d} messages"))
def holds(pasokh: Pasokh, conversation: Conversation, count: int) -> None:
    assert len(history(pasokh, conversation).messages) == count
