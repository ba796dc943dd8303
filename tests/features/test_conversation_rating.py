"""Steps of conversation_rating.feature."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("conversation_rating.feature")


@given(parsers.parse('agent "{agent}" has closed the conversation'))
def agent_closed(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.CloseSession(conversation.session_key, agent))


@given(parsers.parse("the visitor has rated it {score:d} stars"))
def has_rated(pasokh: Pasokh, conversation: Conversation, score: int) -> None:
    pasokh.do(c.RateConversation(conversation.session_key, score))


@when(parsers.parse('the visitor rates it {score:d} stars saying "{comment}"'))
def rates(pasokh: Pasokh, conversation: Conversation, score: int, comment: str) -> None:
    pasokh.do(c.RateConversation(conversation.session_key, score, comment))


@when(parsers.parse("the visitor tries to rate it {score:d} stars"), target_fixture="refusal")
def tries_to_rate(pasokh: Pasokh, conversation: Conversation, score: int) -> Exception | None:
    return attempt(lambda: pasokh.do(c.RateConversation(conversation.session_key, score)))


@then(parsers.parse('the conversation is rated {score:d} stars with "{comment}"'))
def rated_with(pasokh: Pasokh, conversation: Conversation, score: int, comment: str) -> None:
    rating = history(pasokh, conversation).rating
    assert rating is not None and (rating.score, rating.comment) == (score, comment)


@then(parsers.parse("the conversation is rated {score:d} stars"))
def rated(pasokh: Pasokh, conversation: Conversation, score: int) -> None:
    rating = history(pasokh, conversation).rating
    assert rating is not None and rating.score == score


@then("the conversation is not rated")
def not_rated(pasokh: Pasokh, conversation: Conversation) -> None:
    assert history(pasokh, conversation).rating is None
