"""A generated month of conversations, recorded by the ChatSession aggregate itself, with
known figures (tests/unit/insights/test_stats.py spells them out; docs/reports.md).

March 2026, 30 days (the period [2026-03-01, 2026-03-31)), every day:
- 2 visitors answered by the FAQ about passwords, each saying it helped;
- 1 answered by the model (asked about shipping in one of three wordings), saying it did not;
- 1 offered FAQs for "refund", who then chooses the refund FAQ;
- 1 given the fallback ("Can I pay with bitcoin?");
- 1 who opens the chat and writes nothing (not a conversation);
and on even days a keyword escalation (an agent joins after 60 s, replies 90 s later, closes,
5 stars), on days divisible by 3 a low-confidence one (joined after 120 s, reply 30 s later,
3 stars), on days divisible by 5 a visitor asking for a person (joined after 300 s, reply
10 s later, no rating), on day 7 an AI error nobody joins. One conversation the day before
and one the day after the period do not count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from application.ports import RecordedEvent
from domain.chat_session import ChatSession
from domain.message import Offer, Source

SINCE = datetime(2026, 3, 1, tzinfo=UTC)
UNTIL = datetime(2026, 3, 31, tzinfo=UTC)
DAYS = 30
PASSWORD_FAQ, REFUND_FAQ = "faq-password", "faq-refund"
SHIPPING = ("Do you ship to Canada?", "Do you ship to Canada", "Do you deliver to Canada?")

Script = Callable[[ChatSession, datetime, Callable[[], str]], None]


def faq_answered(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    q = s.post_visitor_message(new_id(), "How do I reset my password?", None, at)
    answer = s.answer(new_id(), "Use the reset link.", Source.FAQ, PASSWORD_FAQ, 0.95, q.seq,
                      at + timedelta(seconds=1))
    s.give_feedback(answer.id, True, at + timedelta(seconds=20))


def ai_answered(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    text = SHIPPING[at.day % 3]
    q = s.post_visitor_message(new_id(), text, None, at)
    answer = s.answer(new_id(), "We ship to Canada in 10 days.", Source.AI, None, 0.8, q.seq,
                      at + timedelta(seconds=3))
    s.give_feedback(answer.id, False, at + timedelta(seconds=30))


def suggested_then_chosen(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    q = s.post_visitor_message(new_id(), "refund", None, at)
    s.answer(new_id(), "Choose one:", Source.FAQ, None, None, q.seq, at + timedelta(seconds=1),
             suggestions=(Offer(REFUND_FAQ, "How do I get a refund?"),))
    chosen = s.post_visitor_message(new_id(), "How do I get a refund?", None,
                                    at + timedelta(seconds=10), faq_id=REFUND_FAQ)
    s.answer(new_id(), "Refunds take 5 days.", Source.FAQ, REFUND_FAQ, None, chosen.seq,
             at + timedelta(seconds=11))


def fallback(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    q = s.post_visitor_message(new_id(), "Can I pay with bitcoin?", None, at)
    s.answer(new_id(), "I do not know yet.", Source.AI, None, None, q.seq,
             at + timedelta(seconds=1))


def escalation(text: str, reason: str, wait: int, reply: int, score: int | None) -> Script:
    def script(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
        s.post_visitor_message(new_id(), text, None, at)
        escalated = at + timedelta(seconds=1)
        s.escalate(reason, new_id(), "A person will be with you shortly.", escalated)
        joined = escalated + timedelta(seconds=wait)
        s.join("sara", new_id(), "Sara joined.", joined)
        s.post_agent_message("sara", new_id(), "Hello, I am Sara.", None,
                             joined + timedelta(seconds=reply))
        s.close("sara", joined + timedelta(seconds=reply + 60))
        if score is not None:
            s.rate(score, None, joined + timedelta(seconds=reply + 90))
    return script


def abandoned(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    s.post_visitor_message(new_id(), "Where is my order 123?", None, at)
    s.escalate("ai_error", new_id(), "A person will be with you shortly.",
               at + timedelta(seconds=2))


def silent(s: ChatSession, at: datetime, new_id: Callable[[], str]) -> None:
    """Opened the chat and wrote nothing."""


KEYWORD = escalation("My payment failed", "keyword:payment", 60, 90, 5)
UNSURE = escalation("Is the warranty transferable?", "low_confidence:0.41", 120, 30, 3)
PERSON = escalation("I want to talk to a human", "visitor_request", 300, 10, None)


def day_scripts(day: int) -> list[Script]:
    scripts: list[Script] = [faq_answered, faq_answered, ai_answered, suggested_then_chosen,
                             fallback, silent]
    scripts += [KEYWORD] if day % 2 == 0 else []
    scripts += [UNSURE] if day % 3 == 0 else []
    scripts += [PERSON] if day % 5 == 0 else []
    scripts += [abandoned] if day == 7 else []
    return scripts


def conversations() -> Iterator[tuple[datetime, Script]]:
    yield SINCE - timedelta(hours=2), faq_answered
    for day in range(DAYS):
        for n, script in enumerate(day_scripts(day)):
            yield SINCE + timedelta(days=day, hours=9, minutes=7 * n), script
    yield UNTIL + timedelta(hours=1), faq_answered


def month_sessions() -> list[ChatSession]:
    """The month's conversations, their events pending (to append, or to list)."""
    counter = iter(range(1, 10**9))

    def new_id() -> str:
        return f"m{next(counter)}"

    sessions = []
    for n, (at, script) in enumerate(conversations()):
        session = ChatSession.start(f"month-{n:04d}", at - timedelta(seconds=5))
        script(session, at, new_id)
        sessions.append(session)
    return sessions


def recorded_month() -> list[RecordedEvent]:
    """Every event of the month, each conversation's in a row, positions from 1."""
    records: list[RecordedEvent] = []
    for session in month_sessions():
        for version, event in enumerate(session.pending_events, start=1):
            records.append(RecordedEvent(len(records) + 1, session.id, version, event,
                                         getattr(event, "at", SINCE)))
    return records
