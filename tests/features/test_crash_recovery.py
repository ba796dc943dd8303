"""Steps of crash_recovery.feature: the reconciler finishes what a crash interrupted.

"The server stopped right after" is a bus on the same stores without policies: the command
is committed and nothing reacts to it, as when the process dies just after the commit.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, when

from application import commands as c
from application.messagebus import MessageBus
from application.reconcile import Reconciler
from tests.features.harness import Conversation, Pasokh

scenarios("crash_recovery.feature")

GRACE_SECONDS = 45


def crashing(pasokh: Pasokh) -> MessageBus:
    return MessageBus(pasokh.services, pasokh.services.uow,
                      event_handlers={})


@given(parsers.parse('the server stopped right after storing "{text}"'))
def stored_then_crashed(pasokh: Pasokh, conversation: Conversation, text: str) -> None:
    pasokh.run(crashing(pasokh).handle(c.PostVisitorMessage(conversation.session_key, text)))


@given("the server stopped right after handing the conversation to a person")
def escalated_then_crashed(pasokh: Pasokh, conversation: Conversation) -> None:
    pasokh.run(crashing(pasokh).handle(
        c.EscalateSession(conversation.session_key, "visitor_request")))


@when("the server has been back for a minute")
def back_for_a_minute(pasokh: Pasokh) -> None:
    pasokh.clock.advance(60)
    reconciler = Reconciler(pasokh.bus, pasokh.services, GRACE_SECONDS)

    async def passes() -> None:
        for _ in range(3):  # a minute holds several passes; the later ones find nothing
            await reconciler.run_once()
        await pasokh.settle()

    pasokh.run(passes())
