"""The specs' vocabulary and the reads their steps share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from application.accounts import Forbidden, OwnAccount, UnknownAccount
from application.errors import NotFound
from application.views import MessageView, SessionView
from domain.base import DomainError
from domain.business_hours import DAYS
from domain.canned import DuplicateShortcut, InvalidCannedResponse
from domain.errors import (
    AgentNotOnline,
    AlreadyAssigned,
    InvalidContact,
    InvalidFAQ,
    NoEmailToSendTo,
    NotABotMessage,
    NotAssignedAgent,
    NotRatable,
    SessionAlreadyClosed,
    TooManyChats,
)
from tests.features.harness import Conversation, Pasokh

LANGUAGES = {"English": "en", "Persian": "fa"}
SENDERS = {"user": "visitor", "bot": "bot", "agent": "agent", "system": "Pasokh"}
STATUSES = {"with the bot": "bot", "waiting in the queue": "queued",
            "with an agent": "with_agent", "closed": "closed"}
RULES: dict[str, type[Exception]] = {
    "the conversation is already taken": AlreadyAssigned,
    "only the agent who joined may write": NotAssignedAgent,
    "the conversation is closed": SessionAlreadyClosed,
    "the FAQ is not valid": InvalidFAQ,
    "only the bot's answers take feedback": NotABotMessage,
    "the conversation cannot be rated": NotRatable,
    "nobody disables or demotes themselves": OwnAccount,
    "only an admin may do that": Forbidden,
    "the shortcut is taken": DuplicateShortcut,
    "the saved reply is not valid": InvalidCannedResponse,
    "the contact is not valid": InvalidContact,
    "there is no email to send to": NoEmailToSendTo,
    "the colleague is not at the desk": AgentNotOnline,
    "the colleague has as many conversations as allowed": TooManyChats,
    "there is no such colleague": UnknownAccount,
}


def history(pasokh: Pasokh, conversation: Conversation, after: int = 0) -> SessionView:
    view = pasokh.run(pasokh.read_models.session(conversation.session_key, after))
    assert view is not None, f"no conversation {conversation}"
    return view


def speaker(message: MessageView) -> str:
    name = SENDERS[message.sender]
    return f"{name} {message.agent}" if message.agent else name


def rows(messages: list[MessageView]) -> list[list[str]]:
    return [[str(m.seq), speaker(m), m.text] for m in messages]


def attempt(action: Callable[[], object]) -> Exception | None:
    """Run a step's action; a refusal by a business rule is the outcome, not an error."""
    try:
        action()
    except (DomainError, NotFound, Forbidden, OwnAccount) as refusal:
        return refusal
    return None


def queue_place(pasokh: Pasokh, conversation: Conversation) -> tuple[int, str] | None:
    """The conversation's 1-based position in the queue and why it is there, if waiting."""
    queue = pasokh.run(pasokh.read_models.queue())
    places = {e.session_key: (e.position, e.reason) for e in queue}
    return places.get(conversation.session_key)


ZONES = {"Tehran": ZoneInfo("Asia/Tehran")}
WEEKDAYS = {"Saturday": "sat", "Sunday": "sun", "Monday": "mon", "Tuesday": "tue",
            "Wednesday": "wed", "Thursday": "thu", "Friday": "fri"}


def local_moment(day: str, clock: str, city: str) -> datetime:
    """That weekday and time in the week from Saturday 2026-01-03."""
    offset = (DAYS[WEEKDAYS[day]] - 5) % 7
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(2026, 1, 3, hour, minute, tzinfo=ZONES[city]) + timedelta(days=offset)
