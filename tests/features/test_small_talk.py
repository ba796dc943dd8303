"""Steps of small_talk.feature that no other feature uses."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then

from application.texts import say
from tests.features.harness import Conversation, Pasokh
from tests.features.support import LANGUAGES, history

scenarios("small_talk.feature")


@then(parsers.parse("the bot replies in {language} with its {kind} reply"))
def replies_in_kind(pasokh: Pasokh, conversation: Conversation, language: str,
                    kind: str) -> None:
    *_, message, reply = history(pasokh, conversation).messages
    assert message.sender == "user"
    assert (reply.seq, reply.sender, reply.source, reply.faq_id, reply.suggestions) == (
        message.seq + 1, "bot", "system", None, ())
    assert reply.text == say(f"small_talk_{kind}", LANGUAGES[language])
