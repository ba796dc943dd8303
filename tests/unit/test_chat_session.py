"""ChatSession rules, read as: given these events, when this command, then these events."""

from __future__ import annotations

import pytest

from domain.chat_session import ChatSession, SessionStatus
from domain.contact import Contact
from domain.errors import (
    AlreadyAssigned,
    AlreadyEscalated,
    BotSilenced,
    InvalidMessage,
    NotABotMessage,
    NotAssignedAgent,
    NotRatable,
    SessionAlreadyClosed,
)
from domain.message import Sender, Source
from domain.session_events import (
    AgentJoined,
    AgentMessagePosted,
    AnswerFeedbackGiven,
    BotAnswered,
    ContactLeft,
    ConversationRated,
    SessionEscalated,
    SessionStarted,
    SystemMessagePosted,
    VisitorMessagePosted,
)
from domain.session_events import (
    SessionClosed as Closed,
)
from tests.unit.conftest import AT

STARTED = SessionStarted(session_key="k1", at=AT)
ASKED = VisitorMessagePosted(message_id="m1", seq=1, text="hello", client_id="c1", at=AT)
ESCALATED = SessionEscalated(reason="keyword:مشکل", at=AT)
NOTICE = SystemMessagePosted(message_id="m2", seq=2, text="queued", at=AT)
JOINED = AgentJoined(agent="sara", at=AT)
JOIN_NOTICE = SystemMessagePosted(message_id="m3", seq=3, text="sara joined", at=AT)
CLOSED = Closed(closed_by="sara", at=AT)


def given(*events: object) -> ChatSession:
    return ChatSession.rehydrate("session-k1", events)  # type: ignore[arg-type]


def test_starting_records_the_start() -> None:
    session = ChatSession.start("k1", AT)
    assert session.pending_events == (STARTED,)
    assert session.status is SessionStatus.BOT and session.persisted_version == 0


def test_a_visitor_message_gets_the_next_seq_and_trimmed_text() -> None:
    session = given(STARTED, ASKED)
    message = session.post_visitor_message("m2", "  when are you open?  ", None, AT)
    assert session.pending_events == (
        VisitorMessagePosted(message_id="m2", seq=2, text="when are you open?", client_id=None,
                             at=AT),
    )
    assert (message.seq, message.sender, message.text) == (2, Sender.USER, "when are you open?")


def test_a_repeated_client_id_is_stored_once_and_returns_the_stored_message() -> None:
    session = given(STARTED, ASKED)
    message = session.post_visitor_message("m9", "hello again", "c1", AT)
    assert session.pending_events == ()
    assert message.id == "m1" and message.seq == 1


@pytest.mark.parametrize("text", ["", "   \n\t ", "x" * 4001])
def test_empty_or_too_long_text_is_refused(text: str) -> None:
    session = given(STARTED)
    with pytest.raises(InvalidMessage):
        session.post_visitor_message("m1", text, None, AT)
    assert session.pending_events == ()


def test_text_of_exactly_4000_characters_is_accepted() -> None:
    session = given(STARTED)
    assert len(session.post_visitor_message("m1", " " + "x" * 4000 + " ", None, AT).text) == 4000


def test_the_bot_answers_while_the_session_is_with_the_bot() -> None:
    session = given(STARTED, ASKED)
    session.answer("m2", "We open at 8.", Source.FAQ, "faq-1", 0.9, 1, AT)
    assert session.pending_events == (
        BotAnswered(message_id="m2", seq=2, text="We open at 8.", source="faq", faq_id="faq-1",
                    confidence=0.9, in_reply_to=1, at=AT),
    )


ANSWERED = BotAnswered(message_id="m2", seq=2, text="We open at 8.", source="faq",
                       faq_id="faq-1", confidence=0.9, in_reply_to=1, at=AT)


def test_a_question_already_answered_keeps_its_one_answer() -> None:
    session = given(STARTED, ASKED, ANSWERED)
    reply = session.answer("m9", "Eight o'clock.", Source.AI, None, 0.8, 1, AT)
    assert session.pending_events == ()
    assert (reply.id, reply.seq, reply.text) == ("m2", 2, "We open at 8.")


def test_each_question_gets_its_own_answer_and_the_unanswered_ones_are_known() -> None:
    second = VisitorMessagePosted(message_id="m3", seq=3, text="and sundays?", client_id=None,
                                  at=AT)
    session = given(STARTED, ASKED, second)
    assert [m.seq for m in session.unanswered_questions] == [1, 3]
    session.answer("m4", "Closed on sundays.", Source.FAQ, None, 0.9, 3, AT)
    assert [m.seq for m in session.unanswered_questions] == [1]
    assert [type(e) for e in session.pending_events] == [BotAnswered]


@pytest.mark.parametrize("history", [(ESCALATED, NOTICE), (ESCALATED, NOTICE, JOINED, JOIN_NOTICE)])
def test_the_bot_never_answers_while_queued_or_with_an_agent(history: tuple) -> None:
    session = given(STARTED, ASKED, *history)
    with pytest.raises(BotSilenced):
        session.answer("m9", "text", Source.AI, None, 0.9, 1, AT)
    assert session.pending_events == ()


def test_escalating_records_the_reason_and_a_system_message() -> None:
    session = given(STARTED, ASKED)
    session.escalate("keyword:مشکل", "m2", "queued", AT)
    assert session.pending_events == (ESCALATED, NOTICE)
    assert session.status is SessionStatus.QUEUED and session.escalation_reason == "keyword:مشکل"


def test_escalating_twice_is_refused() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    with pytest.raises(AlreadyEscalated):
        session.escalate("ai_error", "m9", "queued", AT)


def test_an_agent_joins_and_then_alone_may_write() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    session.join("sara", "m3", "sara joined", AT)
    session.post_agent_message("sara", "m4", "Hi, I am Sara.", "a1", AT)
    assert session.pending_events == (
        JOINED, JOIN_NOTICE,
        AgentMessagePosted(message_id="m4", seq=4, agent="sara", text="Hi, I am Sara.",
                           client_id="a1", at=AT),
    )
    with pytest.raises(NotAssignedAgent):
        session.post_agent_message("omid", "m5", "me too", None, AT)


def test_a_second_agent_cannot_take_a_joined_session() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)
    with pytest.raises(AlreadyAssigned):
        session.join("omid", "m9", "omid joined", AT)
    assert session.pending_events == ()


def test_an_agent_that_did_not_join_may_not_write() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    with pytest.raises(NotAssignedAgent):
        session.post_agent_message("sara", "m3", "hello", None, AT)


def test_a_repeated_agent_client_id_is_stored_once() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE)
    first = session.post_agent_message("sara", "m4", "Hi", "a1", AT)
    again = session.post_agent_message("sara", "m5", "Hi", "a1", AT)
    assert again == first and len(session.pending_events) == 1


def test_a_closed_session_accepts_nothing() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE, CLOSED)
    attempts = [
        lambda: session.post_visitor_message("m9", "hello?", None, AT),
        lambda: session.answer("m9", "x", Source.AI, None, 1.0, 1, AT),
        lambda: session.escalate("ai_error", "m9", "x", AT),
        lambda: session.join("omid", "m9", "x", AT),
        lambda: session.post_agent_message("sara", "m9", "x", None, AT),
        lambda: session.close("sara", AT),
    ]
    for attempt in attempts:
        with pytest.raises(SessionAlreadyClosed):
            attempt()
    assert session.pending_events == ()


def test_replay_reproduces_the_state_that_live_changes_built() -> None:
    live = ChatSession.start("k1", AT)
    live.post_visitor_message("m1", "hello", "c1", AT)
    live.escalate("visitor_request", "m2", "queued", AT)
    live.join("sara", "m3", "sara joined", AT)
    live.post_agent_message("sara", "m4", "Hi", None, AT)
    replayed = ChatSession.rehydrate(live.id, live.pending_events)
    for attribute in ("session_key", "status", "agent", "escalation_reason", "messages",
                      "version"):
        assert getattr(replayed, attribute) == getattr(live, attribute)
    assert [m.seq for m in replayed.messages] == [1, 2, 3, 4]


# -- did this help? --------------------------------------------------------------------------

ANSWERED_B2 = BotAnswered(message_id="b2", seq=2, text="We open at 8.", source="faq",
                          faq_id="f1", confidence=0.9, in_reply_to=1, at=AT)


def test_feedback_on_a_bot_answer_is_recorded_with_its_seq() -> None:
    session = given(STARTED, ASKED, ANSWERED_B2)
    session.give_feedback("b2", False, AT)
    assert session.pending_events == (
        AnswerFeedbackGiven(message_id="b2", seq=2, helpful=False, at=AT),)
    assert session.feedback == {"b2": False}


def test_the_latest_feedback_counts_and_repeating_it_records_nothing() -> None:
    session = given(STARTED, ASKED, ANSWERED_B2,
                    AnswerFeedbackGiven(message_id="b2", seq=2, helpful=False, at=AT))
    session.give_feedback("b2", False, AT)
    assert session.pending_events == ()
    session.give_feedback("b2", True, AT)
    assert session.pending_events == (
        AnswerFeedbackGiven(message_id="b2", seq=2, helpful=True, at=AT),)
    assert session.feedback == {"b2": True}


@pytest.mark.parametrize("message_id", ["m1", "nope", "m2"])
def test_feedback_on_anything_but_a_bot_message_is_refused(message_id: str) -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    with pytest.raises(NotABotMessage):
        session.give_feedback(message_id, True, AT)
    assert session.pending_events == ()


def test_an_answer_can_be_judged_after_the_conversation_closed() -> None:
    session = given(STARTED, ASKED, ANSWERED_B2, Closed(closed_by="visitor", at=AT))
    session.give_feedback("b2", True, AT)
    assert session.feedback == {"b2": True}


# -- rating ----------------------------------------------------------------------------------

WITH_AGENT_CLOSED = (STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE, CLOSED)


def test_a_closed_conversation_with_an_agent_is_rated_with_a_trimmed_comment() -> None:
    session = given(*WITH_AGENT_CLOSED)
    session.rate(4, "  Sara was quick  ", AT)
    assert session.pending_events == (ConversationRated(score=4, comment="Sara was quick", at=AT),)
    assert session.rating is not None and session.rating.score == 4


def test_a_blank_comment_is_no_comment() -> None:
    session = given(*WITH_AGENT_CLOSED)
    session.rate(5, "   ", AT)
    assert session.pending_events == (ConversationRated(score=5, comment=None, at=AT),)


def test_a_conversation_is_rated_once() -> None:
    session = given(*WITH_AGENT_CLOSED, ConversationRated(score=2, comment=None, at=AT))
    with pytest.raises(NotRatable, match="already"):
        session.rate(5, None, AT)
    assert session.pending_events == ()


@pytest.mark.parametrize("history", [
    (STARTED, ASKED),  # still with the bot
    (STARTED, ASKED, ESCALATED, NOTICE, JOINED, JOIN_NOTICE),  # with the agent, still open
    (STARTED, ASKED, Closed(closed_by="visitor", at=AT)),  # closed, never with an agent
])
def test_only_a_closed_conversation_with_an_agent_can_be_rated(history: tuple[object, ...]) -> None:
    session = given(*history)
    with pytest.raises(NotRatable):
        session.rate(5, None, AT)


@pytest.mark.parametrize(("score", "comment"), [(0, None), (6, None), (True, None),
                                                 (3, "x" * 1001), (3, "bad \ud800")])
def test_a_score_outside_one_to_five_or_an_unstorable_comment_is_refused(
        score: int, comment: str | None) -> None:
    session = given(*WITH_AGENT_CLOSED)
    with pytest.raises(NotRatable):
        session.rate(score, comment, AT)
    assert session.pending_events == ()


def test_a_contact_is_recorded_with_whether_anyone_could_answer_and_the_latest_counts() -> None:
    earlier = ContactLeft(name=None, email="old@example.com", phone=None, offline=True, at=AT)
    session = given(STARTED, ASKED, earlier)
    session.leave_contact(Contact("Sara", None, "09123456789"), offline=False, at=AT)
    session.leave_contact(Contact("Sara", None, "09123456789"), offline=False, at=AT)  # same
    assert session.pending_events == (
        ContactLeft(name="Sara", email=None, phone="09123456789", offline=False, at=AT),)
    assert session.contact == Contact("Sara", None, "09123456789")


def test_a_closed_conversation_takes_no_contact() -> None:
    session = given(STARTED, ASKED, Closed(closed_by="visitor", at=AT))
    with pytest.raises(SessionAlreadyClosed):
        session.leave_contact(Contact(None, "sara@example.com", None), offline=True, at=AT)
    assert session.pending_events == ()
