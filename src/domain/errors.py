"""Exceptions named after the business rule that a command broke."""

from domain.base import DomainError


class InvalidMessage(DomainError):
    """Message text is empty after trimming or longer than allowed."""


class SessionAlreadyClosed(DomainError):
    """A closed session accepts nothing more."""


class BotSilenced(DomainError):
    """The bot never answers while the session is queued or with an agent."""


class AlreadyEscalated(DomainError):
    """The session is already waiting for, or talking with, a person."""


class AlreadyAssigned(DomainError):
    """Another agent already took this session."""


class NotAssignedAgent(DomainError):
    """Only the agent who joined a session may write in it."""


class NotABotMessage(DomainError):
    """Feedback is about a message the bot wrote; no message of the conversation, or one
    someone else wrote, cannot take it."""


class NotRatable(DomainError):
    """A conversation is rated once, after an agent closed it, with a score of 1 to 5 and a
    comment of at most 1000 characters."""


class InvalidFAQ(DomainError):
    """An FAQ field failed validation."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class FAQNotFound(DomainError):
    """No FAQ has this id."""


class DuplicateFAQ(DomainError):
    """An FAQ with this id already exists."""


class TooManyChats(DomainError):
    """An agent holds as many conversations as allowed and cannot take another."""


class AgentNotOnline(DomainError):
    """A conversation is handed only to an agent who is online (a desk open, not away)."""


class NobodyHoldsIt(NotAssignedAgent):
    """Only a conversation an agent holds can be handed on or put back in the queue; a
    waiting one is joined."""


class InvalidBusinessHours(ValueError):
    """CHAT_BUSINESS_HOURS cannot be read (a setting's error, refused at start-up)."""


class InvalidContact(DomainError):
    """A contact needs an email or a phone, each well formed; `field` names the bad one."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NoEmailToSendTo(DomainError):
    """A transcript is mailed to the email the visitor left; none was left."""
