"""Facts about one conversation (stream `session-<key>`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.base import DomainEvent


@dataclass(frozen=True)
class SessionStarted(DomainEvent):
    session_key: str
    at: datetime


@dataclass(frozen=True)
class VisitorMessagePosted(DomainEvent):
    message_id: str
    seq: int
    text: str
    client_id: str | None
    at: datetime


@dataclass(frozen=True)
class BotAnswered(DomainEvent):
    message_id: str
    seq: int
    text: str
    source: str
    faq_id: str | None
    confidence: float | None
    in_reply_to: int
    at: datetime


@dataclass(frozen=True)
class SessionEscalated(DomainEvent):
    reason: str
    at: datetime


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


MESSAGE_EVENTS = (VisitorMessagePosted, BotAnswered, SystemMessagePosted, AgentMessagePosted)
