"""The contract's JSON shapes. Pydantic models live here only, never in the core."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from domain.faq import FAQContent


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcTime = Annotated[datetime, AfterValidator(_as_utc)]


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, record: Any) -> dict[str, Any]:
        """The record as JSON-ready data (times in ISO 8601 UTC)."""
        return cls.model_validate(record).model_dump(mode="json")


class StrictIn(BaseModel):
    model_config = ConfigDict(strict=True)


class FAQIn(StrictIn):
    """An FAQ's fields as a client sends them; the domain's FAQContent checks them."""

    question: str
    answer: str
    keywords: list[str] = Field(default_factory=list)
    category: str = ""
    priority: int = 0
    active: bool = True

    def content(self) -> FAQContent:
        return FAQContent(**self.model_dump())


class LoginIn(StrictIn):
    username: str = Field(max_length=150)
    password: str = Field(max_length=1024)


USERNAME = r"^[^\s/]+$"  # no spaces, and no slash: it goes into /admin/agents/{username}/


class AgentIn(StrictIn):
    username: str = Field(min_length=1, max_length=150, pattern=USERNAME)
    password: str = Field(max_length=1024)
    display_name: str | None = Field(default=None, max_length=255)
    role: Literal["admin", "agent"]


class AgentChangeIn(StrictIn):
    active: bool | None = None
    role: Literal["admin", "agent"] | None = None
    display_name: str | None = Field(default=None, max_length=255)


class AgentOut(Out):
    username: str
    display_name: str
    role: str
    active: bool
    status: Literal["online", "away", "offline"]


class ColleagueOut(Out):
    """A teammate as any agent sees them: to hand a conversation to (ADR 0047)."""

    username: str
    display_name: str
    status: Literal["online", "away", "offline"]


class CannedResponseIn(StrictIn):
    # the domain checks the limits; these only stop a huge body before it is read in full
    shortcut: str = Field(max_length=1000)
    text: str = Field(max_length=20000)


class CannedResponseOut(Out):
    id: str
    shortcut: str
    text: str


class FAQOut(Out):
    id: str
    question: str
    answer: str
    keywords: list[str]
    category: str
    priority: int
    active: bool


class SuggestionOut(Out):
    faq_id: str
    question: str


class MessageOut(Out):
    id: str
    seq: int
    sender: str
    text: str
    source: str | None
    faq_id: str | None
    created_at: UtcTime
    client_id: str | None
    agent: str | None = None  # beyond the contract: which agent wrote an agent message
    suggestions: list[SuggestionOut] = []  # FAQs the bot offered instead of answering
    citations: list[str] = []  # the FAQs an AI answer rests on
    helpful: bool | None = None  # the visitor's latest word on a bot message (issue 15)


class RatingOut(Out):
    score: int
    comment: str | None
    rated_at: UtcTime


class ContactOut(Out):
    session_key: str
    name: str | None
    email: str | None
    phone: str | None
    offline: bool  # left while no person could answer
    left_at: UtcTime
    status: str  # the conversation's status now


class SessionStartIn(StrictIn):
    """What the widget may tell about a new conversation (all optional, all recorded with its
    start): `visitor_id` links a returning visitor's conversations; the page context
    (`page_url`, `referrer`, `locale`) is shown to the agents beside the conversation."""

    model_config = ConfigDict(strict=True, extra="ignore")

    visitor_id: str | None = Field(default=None, min_length=8, max_length=64,
                                   pattern=r"^[A-Za-z0-9_-]+$")
    page_url: str | None = Field(default=None, max_length=2048)
    referrer: str | None = Field(default=None, max_length=2048)
    locale: str | None = Field(default=None, max_length=35)


class VisitorContextOut(Out):
    """Where the visitor opened the conversation; `browser`: the user agent in words."""

    visitor_id: str | None
    page_url: str | None
    referrer: str | None
    locale: str | None
    user_agent: str | None
    browser: str | None


class PastSessionOut(Out):
    session_key: str
    created_at: UtcTime
    status: str


class SessionDetailOut(Out):
    """A conversation as an agent opens it (agents only: notes included)."""

    session_key: str
    status: str
    agent: str | None
    reason: str | None
    summary: str | None
    context: VisitorContextOut
    messages: list[MessageOut]
    previous_sessions: list[PastSessionOut]
    created_at: UtcTime


class SessionCreatedOut(Out):
    session_key: str
    status: str
    created_at: UtcTime


class HistoryOut(Out):
    session_key: str
    status: str
    messages: list[MessageOut]


class QueueEntryOut(Out):
    session_key: str
    position: int
    enqueued_at: UtcTime
    reason: str
    last_message: str | None
    flood: bool = False  # from a network over its escalation limit; listed after the others
    summary: str | None = None  # what the visitor wants (handoff summary), once written


class ChatOut(Out):
    session_key: str
    agent: str | None
    status: str
    started_at: UtcTime
    last_message: str | None


class TicketOut(Out):
    ticket: str
    expires_in: int


class TokenOut(Out):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
