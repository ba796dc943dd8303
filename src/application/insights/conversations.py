"""One conversation's facts as the reports need them, folded from its events (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.base import DomainEvent
from domain.chat_session import session_key_in
from domain.session_events import (
    AgentJoined,
    AgentMessagePosted,
    AnswerFeedbackGiven,
    BotAnswered,
    ConversationRated,
    SessionClosed,
    SessionEscalated,
    SessionStarted,
    VisitorMessagePosted,
)
from domain.small_talk import small_talk


class Outcome(StrEnum):
    """What became of a question put to the bot."""

    FAQ = "faq"  # an FAQ's answer (matched, or chosen among suggestions)
    SUGGESTED = "suggested"  # FAQs offered to choose from
    AI = "ai"  # the model's own answer
    FALLBACK = "fallback"  # the local fallback or a system refusal (AI budget spent, busy)
    ESCALATED = "escalated"  # handed to a person before the bot replied
    PENDING = "pending"  # no reply recorded (yet)


ANSWERED_BY_FAQ = frozenset({Outcome.FAQ})
UNANSWERED_BY_FAQ = frozenset({Outcome.SUGGESTED, Outcome.AI, Outcome.FALLBACK,
                               Outcome.ESCALATED})


@dataclass
class Question:
    seq: int
    text: str
    at: datetime
    outcome: Outcome = Outcome.PENDING
    faq_id: str | None = None  # the FAQ that answered it


@dataclass
class Conversation:
    session_key: str
    started_at: datetime
    questions: list[Question] = field(default_factory=list)  # put to the bot, in order
    escalated_at: datetime | None = None
    reason: str | None = None
    joined_at: datetime | None = None
    first_agent_reply_at: datetime | None = None
    closed_at: datetime | None = None
    feedback: dict[str, bool] = field(default_factory=dict)  # bot message id -> latest word
    rating: int | None = None
    visitor_messages: int = 0

    @property
    def with_person(self) -> bool:
        """Handed to people, or joined by an agent: it did not end without a person."""
        return self.escalated_at is not None or self.joined_at is not None

    def apply(self, event: DomainEvent) -> None:
        match event:
            case VisitorMessagePosted():
                self.visitor_messages += 1
                if not self.with_person:
                    self.questions.append(Question(event.seq, event.text, event.at))
            case BotAnswered():
                self._answered(event)
            case SessionEscalated():
                self.escalated_at, self.reason = event.at, event.reason
                for question in self.questions:
                    if question.outcome is Outcome.PENDING:
                        question.outcome = Outcome.ESCALATED
            case AgentJoined():
                self.joined_at = self.joined_at or event.at
            case AgentMessagePosted():
                self.first_agent_reply_at = self.first_agent_reply_at or event.at
            case SessionClosed():
                self.closed_at = event.at
            case AnswerFeedbackGiven():
                self.feedback[event.message_id] = event.helpful
            case ConversationRated():
                self.rating = event.score

    def _answered(self, event: BotAnswered) -> None:
        question = next((q for q in self.questions if q.seq == event.in_reply_to), None)
        if question is None or question.outcome is not Outcome.PENDING:
            return
        if event.source == "system" and small_talk(question.text) is not None:
            # Pasokh's own reply to small talk («سلام», "thanks"): no question (ADR 0051).
            # Told from the reply, so the fold normalizes no other text.
            self.questions.remove(question)
            return
        question.outcome = outcome_of(event)
        question.faq_id = event.faq_id if question.outcome is Outcome.FAQ else None


def outcome_of(answer: BotAnswered) -> Outcome:
    if answer.source == "faq":
        return Outcome.SUGGESTED if answer.suggestions or answer.faq_id is None else Outcome.FAQ
    if answer.source == "ai" and answer.confidence is not None:
        return Outcome.AI
    return Outcome.FALLBACK


class Conversations:
    """Every conversation folded so far, by session key, and the position folded up to."""

    def __init__(self) -> None:
        self.by_key: dict[str, Conversation] = {}
        self.position = 0

    def fold(self, stream_id: str, position: int, event: DomainEvent) -> None:
        self.position = max(self.position, position)
        key = session_key_in(stream_id)
        if key is None:
            return
        if isinstance(event, SessionStarted):
            self.by_key[key] = Conversation(key, event.at)
            return
        conversation = self.by_key.get(key)
        if conversation is not None:
            conversation.apply(event)

    def started_between(self, since: datetime, until: datetime) -> list[Conversation]:
        """The conversations started in [since, until) in which the visitor wrote."""
        return [c for c in self.by_key.values()
                if since <= c.started_at < until and c.visitor_messages]
