"""Facts about one conversation (stream `session-<key>`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from domain.base import DomainEvent
from domain.message import Offer
from domain.visitor_context import VisitorContext


@dataclass(frozen=True)
class SessionStarted(DomainEvent):
    """v2 added origin, a keyed tag of the visitor's network address (never the address),
    and visitor_id, the random id the widget keeps for the visitor's browser, so
    escalations and model calls can be limited per network and per visitor (None in v1).
    v3 added context: the page, referrer, locale and user agent the conversation was opened
    with, shown to the agents (None in v1 and v2)."""

    SCHEMA_VERSION: ClassVar[int] = 3

    session_key: str
    at: datetime
    origin: str | None = None
    visitor_id: str | None = None
    context: VisitorContext | None = None


@dataclass(frozen=True)
class VisitorMessagePosted(DomainEvent):
    """v2: faq_id, the FAQ the visitor chose among the bot's suggestions (None: typed)."""

    SCHEMA_VERSION: ClassVar[int] = 2
    message_id: str
    seq: int
    text: str
    client_id: str | None
    at: datetime
    faq_id: str | None = None


@dataclass(frozen=True)
class BotAnswered(DomainEvent):
    """v2: suggestions (FAQs offered instead of an answer) and citations (the FAQs an AI
    answer rests on)."""

    SCHEMA_VERSION: ClassVar[int] = 2
    message_id: str
    seq: int
    text: str
    source: str
    faq_id: str | None
    confidence: float | None
    in_reply_to: int
    at: datetime
    suggestions: tuple[Offer, ...] = ()
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionEscalated(DomainEvent):
    """v2 added flood: the escalation came from a network over its escalation limit, so the
    conversation waits behind the others, marked (False in v1 events)."""

    SCHEMA_VERSION: ClassVar[int] = 2

    reason: str
    at: datetime
    flood: bool = False


@dataclass(frozen=True)
class SystemMessagePosted(DomainEvent):
    message_id: str
    seq: int
    text: str
    at: datetime


@dataclass(frozen=True)
class AgentJoined(DomainEvent):
    agent: str
    at: datetime


@dataclass(frozen=True)
class SessionTransferred(DomainEvent):
    """The conversation went from one agent to another: handed on by its agent or an admin
    (`by`), to an active agent who was online with room under their limit (ADR 0047)."""

    from_agent: str
    to_agent: str
    by: str
    at: datetime


@dataclass(frozen=True)
class SessionReturnedToQueue(DomainEvent):
    """Its agent (or an admin, `by`) put the conversation back in the queue: `queued` again,
    with nobody holding it; the queue takes it at its head (ADR 0047)."""

    from_agent: str
    by: str
    at: datetime


@dataclass(frozen=True)
class AgentMessagePosted(DomainEvent):
    message_id: str
    seq: int
    agent: str
    text: str
    client_id: str | None
    at: datetime


@dataclass(frozen=True)
class SessionClosed(DomainEvent):
    closed_by: str
    at: datetime


@dataclass(frozen=True)
class AnswerFeedbackGiven(DomainEvent):
    """The visitor said whether a bot message helped; the latest per message counts."""

    message_id: str
    seq: int
    helpful: bool
    at: datetime


@dataclass(frozen=True)
class ConversationRated(DomainEvent):
    """The visitor rated a conversation an agent had closed: 1 to 5, with optional words."""

    score: int
    comment: str | None
    at: datetime


@dataclass(frozen=True)
class ContactLeft(DomainEvent):
    """The visitor left a way to reach them (an email or a phone); the latest counts.
    `offline`: no person could answer when they left it (outside the hours or nobody on)."""

    name: str | None
    email: str | None
    phone: str | None
    offline: bool
    at: datetime


@dataclass(frozen=True)
class MailQueued(DomainEvent):
    """An email is owed: `transcript` to the visitor's contact email, or `contact_notice` to
    the team (a contact left while offline). Sent after the commit, outside any transaction;
    `MailSent` records that the server took it (ADR 0043)."""

    mail_id: str
    kind: str
    to: str
    lang: str
    at: datetime


@dataclass(frozen=True)
class MailSent(DomainEvent):
    mail_id: str
    at: datetime


MESSAGE_EVENTS = (VisitorMessagePosted, BotAnswered, SystemMessagePosted, AgentMessagePosted)


@dataclass(frozen=True)
class NoteLeft(DomainEvent):
    """An agent's internal note on the conversation, for the agents only: the visitor never
    sees it. after_seq: the conversation's last message when it was written (where it shows);
    notes take no seq of their own, so the visitor's messages keep theirs without gaps."""

    note_id: str
    agent: str
    text: str
    after_seq: int
    at: datetime


@dataclass(frozen=True)
class HandoffSummarized(DomainEvent):
    """What the visitor wants, in a line for the agent who takes the conversation (ADR 0045).
    by: `model` when the model wrote it, `conversation` when it was built from the escalation
    reason and the visitor's last messages."""

    summary: str
    by: str
    at: datetime
