"""Commands: what someone asks Pasokh to do, one handler each."""

from __future__ import annotations

from dataclasses import dataclass

from domain.faq import FAQContent
from domain.visitor_context import VisitorContext


class Command:
    """Marker base for imperative, immutable requests."""


@dataclass(frozen=True)
class StartSession(Command):
    origin: str | None = None  # a keyed tag of the visitor's network address
    visitor_id: str | None = None  # the widget's random id for the visitor's browser
    context: VisitorContext | None = None  # the page, referrer, locale and user agent


@dataclass(frozen=True)
class PostVisitorMessage(Command):
    session_key: str
    text: str
    client_id: str | None = None
    faq_id: str | None = None  # the FAQ the visitor chose among the bot's suggestions


@dataclass(frozen=True)
class EscalateSession(Command):
    session_key: str
    reason: str


@dataclass(frozen=True)
class JoinSession(Command):
    session_key: str
    agent: str
    display_name: str | None = None  # what the visitor is told ("Sara joined")


@dataclass(frozen=True)
class TransferSession(Command):
    """Hand the conversation to the agent `to`, or (None) put it back at the head of the
    queue. By its agent, or an admin (`by_admin`)."""

    session_key: str
    by: str
    to: str | None
    by_admin: bool = False


@dataclass(frozen=True)
class PostAgentMessage(Command):
    session_key: str
    agent: str
    text: str
    client_id: str | None = None


@dataclass(frozen=True)
class LeaveNote(Command):
    """An agent's internal note on a conversation: other agents see it, the visitor never."""

    session_key: str
    agent: str
    text: str


@dataclass(frozen=True)
class CloseSession(Command):
    session_key: str
    closed_by: str


@dataclass(frozen=True)
class GiveFeedback(Command):
    """The visitor says whether a bot message helped."""

    session_key: str
    message_id: str
    helpful: bool


@dataclass(frozen=True)
class RateConversation(Command):
    session_key: str
    score: int
    comment: str | None = None


@dataclass(frozen=True)
class LeaveContact(Command):
    """The visitor leaves a way to reach them: an email or a phone, and a name if they like."""

    session_key: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class MailTranscript(Command):
    """Mail the conversation to the email the visitor left."""

    session_key: str
    lang: str = "en"


@dataclass(frozen=True)
class AddFAQ(Command):
    content: FAQContent
    faq_id: str | None = None


@dataclass(frozen=True)
class UpdateFAQ(Command):
    faq_id: str
    content: FAQContent


@dataclass(frozen=True)
class DeactivateFAQ(Command):
    faq_id: str


@dataclass(frozen=True)
class RemoveFAQ(Command):
    faq_id: str


@dataclass(frozen=True)
class ImportFAQs(Command):
    """A catalog file's changes (ADR 0016), applied in one transaction: all or none."""

    changes: tuple[AddFAQ | UpdateFAQ | RemoveFAQ, ...]


@dataclass(frozen=True)
class AssignWaiting(Command):
    """Give waiting conversations to online agents with room (CHAT_ASSIGNMENT=auto)."""
