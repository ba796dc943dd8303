"""Did this help? and ratings through the bus with in-memory adapters: events, read models."""

from __future__ import annotations

import pytest

from application import commands as c
from application.errors import SessionNotFound
from domain.errors import NotABotMessage, NotRatable
from domain.faq import FAQContent
from domain.session_events import AnswerFeedbackGiven, ConversationRated
from tests.unit.fakes import App, ScriptedResponder, build_app

BOOKING = c.AddFAQ(FAQContent("How do I book an appointment?", "Use the booking page.",
                              ("book", "appointment"), "booking", 5))


async def answered(app: App) -> tuple[str, str]:
    """A conversation whose first question the FAQ answered: (key, the answer's id)."""
    await app.bus.handle(BOOKING)
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "how can I book an appointment?"))
    await app.bus.idle()
    view = await app.read_models.session(key)
    assert view is not None and view.messages[1].sender == "bot"
    return key, view.messages[1].id


def recorded(app: App, key: str) -> list[object]:
    return [r.event for r in app.log.streams[f"session-{key}"]]


async def test_feedback_is_recorded_and_the_read_model_keeps_the_latest() -> None:
    app = build_app(ScriptedResponder())
    key, answer = await answered(app)
    await app.bus.handle(c.GiveFeedback(key, answer, False))
    await app.bus.handle(c.GiveFeedback(key, answer, True))
    await app.bus.handle(c.GiveFeedback(key, answer, True))  # the same again: nothing new
    feedback = [e for e in recorded(app, key) if isinstance(e, AnswerFeedbackGiven)]
    assert [(e.seq, e.helpful) for e in feedback] == [(2, False), (2, True)]
    view = await app.read_models.session(key)
    assert view is not None and [m.helpful for m in view.messages] == [None, True]


async def test_feedback_on_the_visitors_own_message_or_an_unknown_session_is_refused() -> None:
    app = build_app(ScriptedResponder())
    key, _ = await answered(app)
    view = await app.read_models.session(key)
    assert view is not None
    with pytest.raises(NotABotMessage):
        await app.bus.handle(c.GiveFeedback(key, view.messages[0].id, True))
    with pytest.raises(SessionNotFound):
        await app.bus.handle(c.GiveFeedback("nobody", "m1", True))


async def test_a_conversation_an_agent_closed_is_rated_once() -> None:
    app = build_app(ScriptedResponder())
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
    await app.bus.idle()
    await app.bus.handle(c.JoinSession(key, "sara"))
    with pytest.raises(NotRatable):
        await app.bus.handle(c.RateConversation(key, 5))
    await app.bus.handle(c.CloseSession(key, "sara"))
    rating = await app.bus.handle(c.RateConversation(key, 3, " slow but kind "))
    assert (rating.score, rating.comment) == (3, "slow but kind")
    with pytest.raises(NotRatable):
        await app.bus.handle(c.RateConversation(key, 5))
    assert [e for e in recorded(app, key) if isinstance(e, ConversationRated)] == [
        ConversationRated(score=3, comment="slow but kind", at=rating.at)]
    view = await app.read_models.session(key)
    assert view is not None and view.rating is not None
    assert (view.rating.score, view.rating.comment) == (3, "slow but kind")
