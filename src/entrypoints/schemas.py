"""The contract's JSON shapes. Pydantic models live here only, never in the core."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


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
    question: str
    answer: str
    keywords: list[str] = Field(default_factory=list)
    category: str = ""
    priority: int = 0
    active: bool = True


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
    """What the widget may tell about a new conversation (all optional). `visitor_id` is
    recorded; the page context (`page_url`, `referrer`, `locale`) is accepted, length
    checked, and not yet recorded (the desk's visitor context will show it)."""

    model_config = ConfigDict(strict=True, extra="ignore")

    visitor_id: str | None = Field(default=None, min_length=8, max_length=64,
                                   pattern=r"^[A-Za-z0-9_-]+$")
    page_url: str | None = Field(default=None, max_length=2048)
    referrer: str | None = Field(default=None, max_length=2048)
    locale: str | None = Field(default=None, max_length=35)


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
