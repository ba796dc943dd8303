"""Steps of answer_feedback.feature."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from application.views import MessageView
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("answer_feedback.feature")

VERDICTS = {"helped": True, "did not help": False}
MARKS = {"marked as helpful": True, "marked as not helpful": False, "not marked": None}


def last_answer(pasokh: Pasokh, conversation: Conversation) -> MessageView:
    return [m for m in history(pasokh, conversation).messages if m.sender == "bot"][-1]


@when(parsers.parse("the visitor says the bot's answer {verdict}"))
def says(pasokh: Pasokh, conversation: Conversation, verdict: str) -> None:
    answer = last_answer(pasokh, conversation)
    pasokh.do(c.GiveFeedback(conversation.session_key, answer.id, VERDICTS[verdict]))


@when("the visitor tries to say their own message did not help", target_fixture="refusal")
def judges_own_message(pasokh: Pasokh, conversation: Conversation) -> Exception | None:
    own = history(pasokh, conversation).messages[0]
    return attempt(lambda: pasokh.do(c.GiveFeedback(conversation.session_key, own.id, False)))


@then(parsers.parse("the bot's answer is {mark}"))
def answer_marked(pasokh: Pasokh, conversation: Conversation, mark: str) -> None:
    assert last_answer(pasokh, conversation).helpful is MARKS[mark]
