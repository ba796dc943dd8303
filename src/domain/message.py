"""A message of a conversation, as the session aggregate knows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.errors import InvalidMessage
from domain.text import unstorable


class Sender(StrEnum):
    USER = "user"
    BOT = "bot"
    AGENT = "agent"
    SYSTEM = "system"


class Source(StrEnum):
    FAQ = "faq"
    AI = "ai"
    AGENT = "agent"
    SYSTEM = "system"


MAX_MESSAGE_LENGTH = 4000


@dataclass(frozen=True)
class Offer:
    """An FAQ the bot offered the visitor, with its question as it read when offered."""

    faq_id: str
    question: str


@dataclass(frozen=True)
class Message:
    id: str
    seq: int
    sender: Sender
    text: str
    source: Source | None
    faq_id: str | None
    created_at: datetime
    client_id: str | None
    agent: str | None = None
    suggestions: tuple[Offer, ...] = ()
    citations: tuple[str, ...] = ()


def clean_text(text: str, max_length: int = MAX_MESSAGE_LENGTH) -> str:
    """Trimmed message text, or InvalidMessage when it is empty or too long."""
    trimmed = text.strip()
    if not trimmed:
        raise InvalidMessage("text must not be empty")
    if (why := unstorable(trimmed)) is not None:
        raise InvalidMessage(f"text must be storable Unicode text ({why})")
    if len(trimmed) > max_length:
        raise InvalidMessage(f"text must be at most {max_length} characters")
    return trimmed


def clean_client_id(client_id: str | None) -> str | None:
    """The sender's own id for a message (for resends), or InvalidMessage when unstorable."""
    if client_id is not None and (why := unstorable(client_id)) is not None:
        raise InvalidMessage(f"client_id must be storable Unicode text ({why})")
    return client_id
