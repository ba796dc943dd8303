"""Steps of conversation_history.feature: reloading and reconnecting read the history."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from application.views import MessageView, SessionView
from tests.features.harness import Conversation, Pasokh
from tests.features.support import history, rows

scenarios("conversation_history.feature")


@when("the visitor reloads the page", target_fixture="reloaded")
def reload_page(pasokh: Pasokh, conversation: Conversation) -> SessionView:
    return history(pasokh, conversation)


@given(parsers.parse("the visitor's connection dropped after message {seq:d}"),
       target_fixture="last_seen")
def connection_dropped(seq: int) -> int:
    return seq


@when("the visitor reconnects", target_fixture="missed")
def reconnect(pasokh: Pasokh, conversation: Conversation, last_seen: int) -> list[MessageView]:
    return history(pasokh, conversation, after=last_seen).messages


@then("the visitor sees again every message shown before, in the same order")
def same_as_live(conversation: Conversation, reloaded: SessionView) -> None:
    assert conversation.screen.messages, "the visitor was shown nothing live"
    assert reloaded.messages == conversation.screen.messages


@then(parsers.parse("the messages are numbered 1 to {count:d} without gaps"))
def numbered(reloaded: SessionView, count: int) -> None:
    assert [m.seq for m in reloaded.messages] == list(range(1, count + 1))


@then("the visitor receives only these messages:")
def receives_only(missed: list[MessageView], datatable: list[list[str]]) -> None:
    assert rows(missed) == datatable[1:]


@then("the visitor receives no message")
def receives_nothing(missed: list[MessageView]) -> None:
    assert missed == []
