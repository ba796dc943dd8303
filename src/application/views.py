"""What queries return: plain records read from read models, never aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.message import Offer
from domain.visitor_context import VisitorContext


@dataclass(frozen=True)
class MessageView:
    id: str
    seq: int
    sender: str
    text: str
    source: str | None
    faq_id: str | None
    created_at: datetime
    client_id: str | None
    agent: str | None = None
    suggestions: tuple[Offer, ...] = ()
    citations: tuple[str, ...] = ()
    helpful: bool | None = None  # the visitor's latest word on a bot message


@dataclass(frozen=True)
class RatingView:
    score: int
    comment: str | None
    rated_at: datetime


@dataclass(frozen=True)
class ContactView:
    """A way to reach the visitor of a conversation, the latest they left."""

    session_key: str
    name: str | None
    email: str | None
    phone: str | None
    offline: bool  # left while no person could answer
    left_at: datetime
    status: str = "bot"  # the conversation's status now


@dataclass(frozen=True)
class SessionView:
    session_key: str
    status: str
    agent: str | None
    started_at: datetime
    escalation_reason: str | None
    messages: list[MessageView]
    rating: RatingView | None = None
    visitor_id: str | None = None
    context: VisitorContext | None = None  # where the visitor opened the conversation
    summary: str | None = None  # the handoff summary, once it went to people


@dataclass(frozen=True)
class PastSessionView:
    """Another conversation of the same visitor, as the desk lists it."""

    session_key: str
    created_at: datetime
    status: str


@dataclass(frozen=True)
class QueueEntryView:
    session_key: str
    position: int
    enqueued_at: datetime
    reason: str
    last_message: str | None
    flood: bool = False  # from a network over its escalation limit: served after the others
    summary: str | None = None  # what the visitor wants, once written (handoff summary)


@dataclass(frozen=True)
class ChatView:
    session_key: str
    agent: str | None
    status: str
    started_at: datetime
    last_message: str | None
