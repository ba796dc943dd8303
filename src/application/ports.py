"""What the application needs from the outside world, in business terms."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol, Self, TypeVar

from application.views import (
    ChatView,
    ContactView,
    MessageView,
    PastSessionView,
    QueueEntryView,
    RatingView,
    SessionView,
)
from domain.ai_budget import AIUsage
from domain.answering import Candidate, DenseContext
from domain.base import Aggregate, DomainEvent
from domain.canned import CannedResponse
from domain.chat_session import ChatSession, SessionStatus
from domain.faq import FAQ
from domain.faq.catalog import FAQCatalog
from domain.queue import Queue
from domain.visitor_context import VisitorContext


class ConcurrencyError(Exception):
    """Another writer appended to the stream first; reload and try again.

    Its message names a stream only by the start of its id: a session's stream id holds
    the session key, a secret that must not reach a log."""

    @classmethod
    def behind(cls, stream_id: str, current: int, expected: int) -> ConcurrencyError:
        return cls(f"{shown_stream(stream_id)} is at {current}, not {expected}")

    @classmethod
    def unique_key_taken(cls) -> ConcurrencyError:
        return cls("a racing writer took a unique key (a stream version or a client_id)")


def shown_stream(stream_id: str) -> str:
    """A stream id fit for a log: its kind and the first six characters of its key."""
    kind, _, key = stream_id.partition("-")
    return f"{kind}-{key[:6]}…" if key else kind


@dataclass(frozen=True)
class RecordedEvent:
    """A domain event as the store keeps it: where it sits globally and in its stream."""

    position: int
    stream_id: str
    version: int
    event: DomainEvent
    recorded_at: datetime
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Append:
    """What one aggregate recorded, to be appended after the version it was decided on."""

    stream_id: str
    expected_version: int
    events: tuple[DomainEvent, ...]


def version_conflict(appends: Sequence[Append], current: dict[str, int]
                     ) -> ConcurrencyError | None:
    """The version check of every store: the conflict when a stream of `appends` is no
    longer at the version it was decided on (`current` is left as it was); otherwise None,
    and `current` moves past the appends."""
    for append in appends:
        found = current.get(append.stream_id, 0)
        if found != append.expected_version:
            return ConcurrencyError.behind(append.stream_id, found, append.expected_version)
    for append in appends:
        current[append.stream_id] = append.expected_version + len(append.events)
    return None


class EventStore(Protocol):
    """Reads the append-only log of streams (writes go through an EventWriter)."""

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]: ...

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]: ...


class EventWriter(Protocol):
    """A store's one append path: the appends, their read models and the commit in one
    transaction, all or nothing."""

    async def write(self, appends: Sequence[Append], metadata: dict[str, Any]
                    ) -> list[RecordedEvent]:
        """The recorded events, in order. Raises ConcurrencyError when a stream is no
        longer at the version its append expects; then nothing is stored."""
        ...


A = TypeVar("A", bound=Aggregate)


class UnitOfWork(Protocol):
    """One transaction over aggregates: load them (or add new ones), let them decide, commit
    what they recorded. Events are published only after the commit. A store may raise
    ConcurrencyError from commit, or on leaving after a refusal, when a decision was taken
    on an old state: the caller then decides again (Services.in_transaction)."""

    events: EventStore
    metadata: dict[str, Any]

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def load(self, kind: type[A], stream_id: str) -> A | None: ...

    def add(self, aggregate: Aggregate) -> None: ...

    async def commit(self) -> list[RecordedEvent]: ...

    async def session(self, session_key: str) -> ChatSession | None: ...

    async def queue(self) -> Queue:
        """The queue, new and empty when nothing was ever queued."""
        ...

    async def catalog(self) -> FAQCatalog:
        """The FAQ catalog, new and empty when it has no FAQ yet."""
        ...


class StorageUnavailable(Exception):
    """Storage could not be reached or did not answer in time: nothing can be said to be
    stored, and the same request can succeed a little later (`unavailable`, ADR 0020)."""


class ReadModels(Protocol):
    """Query side: answers from the projection tables only."""

    async def session(self, session_key: str, after_seq: int = 0) -> SessionView | None: ...

    async def notes(self, session_key: str) -> list[MessageView]:
        """The agents' notes on the conversation (sender "note"), oldest first; for agents
        only: never part of the visitor's history."""
        ...

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]: ...

    async def faq(self, faq_id: str) -> FAQ | None: ...

    async def queue(self) -> list[QueueEntryView]: ...

    async def active_chats(self) -> list[ChatView]: ...

    async def recent_waits(self, limit: int) -> list[float]:
        """How long, in seconds, the latest sessions taken from the queue waited; newest first."""
        ...

    async def catalog_version(self) -> int: ...

    async def sessions_owing_mail(self, limit: int) -> list[str]:
        """Keys of sessions with an email owed and not recorded as sent."""
        ...

    async def contacts(self, limit: int = 200) -> list[ContactView]:
        """Conversations whose visitor left a way to reach them, the latest left first."""
        ...

    async def previous_sessions(self, visitor_id: str, before: str,
                                limit: int) -> list[PastSessionView]:
        """The visitor's other conversations (same visitor id, not `before` itself), the
        newest first, at most `limit`."""
        ...

    # -- loose ends: what the reconciler repairs (small indexed sets, even on a big store) --

    async def sessions_awaiting_reply(self, asked_before: datetime, limit: int) -> list[str]:
        """Keys of sessions with the bot whose visitor asked something the bot has not
        replied to, the latest question asked before asked_before; oldest first."""
        ...

    async def queued_sessions_not_waiting(self, limit: int) -> list[str]:
        """Keys of sessions with status `queued` that have no place in the queue."""
        ...

    async def waiting_sessions_gone(self, limit: int) -> list[str]:
        """Keys of sessions still in the queue although an agent holds them or they closed."""
        ...


class ReadModelWriter(Protocol):
    async def add_session(self, session_key: str, started_at: datetime,
                          visitor_id: str | None = None,
                          context: VisitorContext | None = None) -> None: ...

    async def set_summary(self, session_key: str, summary: str) -> None:
        """The handoff summary: what the visitor wants, for the agents."""
        ...

    async def add_message(self, session_key: str, message: MessageView) -> None:
        """Store the message and make it the session's last message."""
        ...

    async def add_note(self, session_key: str, note: MessageView) -> None:
        """Keep an agent's note apart from the visitor's messages."""
        ...

    async def set_session_status(self, session_key: str, status: SessionStatus,
                                 agent: str | None = None, reason: str | None = None,
                                 unassigned: bool = False) -> None:
        """Change status; agent and reason are only changed when given; `unassigned`: nobody
        holds the session any more (put back in the queue)."""
        ...

    async def set_feedback(self, session_key: str, seq: int, helpful: bool) -> None:
        """The visitor's latest word on whether the message `seq` helped."""
        ...

    async def set_rating(self, session_key: str, rating: RatingView) -> None: ...

    async def set_contact(self, contact: ContactView) -> None: ...

    async def owe_mail(self, session_key: str, change: int) -> None:
        """+1 an email owed, -1 one sent."""
        ...

    async def save_faq(self, faq: FAQ, catalog_version: int) -> None: ...

    async def deactivate_faq(self, faq_id: str, catalog_version: int) -> None: ...

    async def remove_faq(self, faq_id: str, catalog_version: int) -> None: ...

    async def add_queue_entry(self, session_key: str, reason: str, enqueued_at: datetime,
                              order: int, flood: bool = False) -> None: ...

    async def remove_queue_entry(self, session_key: str) -> None: ...

    async def add_wait(self, session_key: str, waited_seconds: float, taken_at: datetime,
                       order: int) -> None:
        """Remember how long a session taken by an agent waited in the queue."""
        ...

    async def set_checkpoint(self, position: int) -> None: ...


class Publisher(Protocol):
    """Rings the doorbell for live readers after a commit; never the record itself."""

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None: ...


@dataclass(frozen=True)
class Signal:
    """A passing notice about a stream, such as "the visitor is typing": fanned out live to
    the stream's subscribers like its events, but never stored, so a missed one is gone."""

    stream_id: str
    kind: str
    sender: str
    reply_to: int = 0  # DRAFT: the seq of the visitor's message being answered
    text: str = ""  # DRAFT: the next piece of the answer


TYPING = "typing"
"""Signal kind: `sender` ("user" or "agent") is typing in the stream's conversation."""
RESYNC = "resync"
"""Signal kind, to every reader: live delivery had a gap (Redis was away); re-read the store."""
DRAFT = "draft"
"""Signal kind: the bot is writing its answer to `reply_to`; `text` is its next piece. The
answer that counts is the stored message that follows (ADR 0035)."""

ACCOUNT_DISABLED = "account_disabled"
"""Signal kind, on the account's stream (`account_stream`): `sender`'s account was disabled;
their open desk sockets close at once, on every instance."""


PRESENCE = "presence"
"""Signal kind, on PRESENCE_STREAM: `sender` is now `text` ("online", "away" or "offline");
desks show it in the team list (ADR 0046). The presence itself is the AgentPresence port's."""
PRESENCE_STREAM = "presence"


def account_stream(username: str) -> str:
    return f"account-{username}"


TextSink = Callable[[str], Awaitable[None]]
"""Receives an answer's text piece by piece, while the model writes it."""


ALL_STREAMS = "*"
"""Subscribe to this to hear every stream."""

Notification = RecordedEvent | Signal
"""What a subscription yields: committed events (doorbells for the store) and signals."""


class Signaller(Protocol):
    async def signal(self, signal: Signal) -> None: ...


class Subscription(Protocol):
    """Iterate it (a task waits for each item), or `wake_on` it and `take` what waits: a
    reader with no task while nothing arrives, as idle sockets need (ADR 0021)."""

    def __aiter__(self) -> AsyncIterator[Notification]: ...

    def wake_on(self, wake: Callable[[], None] | None) -> None:
        """Call `wake` (in the event loop, at once) each time an item arrives, and now if
        items already wait."""
        ...

    def take(self) -> Notification | None:
        """The oldest waiting item; None once the subscription is closed. Raises IndexError
        when nothing waits."""
        ...

    async def close(self) -> None: ...


class Subscriber(Protocol):
    async def subscribe(self, stream_id: str, *more_streams: str) -> Subscription:
        """Live events and signals of the streams ("session-<key>", "queue"), in the order
        they were published, or of all streams with "*"."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class OutgoingMail:
    """One email: plain UTF-8 text. `message_id` is stable per mail owed, so a mail sent
    again after a crash (before its sending was recorded) can be recognised as the same."""

    message_id: str
    to: str
    subject: str
    body: str


class MailUnavailable(Exception):
    """The mail server could not take the mail now (refused, unreachable, timed out)."""


class Mailer(Protocol):
    async def send(self, mail: OutgoingMail) -> None:
        """Hand the mail to the server; raises MailUnavailable when it did not take it."""
        ...


class AgentPresence(Protocol):
    """Who can take a conversation now, across every instance (ADR 0046): an agent is
    `online` or `away` as they chose while a desk socket of theirs is open anywhere, and
    `offline` with none."""

    async def anyone_online(self) -> bool:
        """Some agent is online (away does not count)."""
        ...

    async def status_of(self, username: str) -> str:
        """"online", "away" or "offline"."""
        ...

    async def online_agents(self) -> set[str]:
        """The agents who are online (not away, not offline)."""
        ...


class PresenceBoard(Protocol):
    """What the desk sockets tell the presence: a socket opened or closed, a status chosen."""

    async def arrive(self, socket_id: str, username: str) -> None: ...

    async def leave(self, socket_id: str) -> None: ...

    async def choose(self, username: str, status: str) -> None:
        """Online or away, kept for the agent until they choose again."""
        ...


class Presence(AgentPresence, PresenceBoard, Protocol):
    """The presence as the desk sockets use it: told and asked."""


class AssignmentTurn(Exception):
    """No turn to assign could be had in time (another instance held it too long)."""


class AssignmentBoard(Protocol):
    """What automatic assignment shares between instances (ADR 0046): one pass at a time,
    and when each agent was last given a conversation or ended one."""

    def turn(self) -> AbstractAsyncContextManager[None]:
        """Held by one pass at a time across every instance; raises AssignmentTurn when it
        cannot be had within the board's patience."""
        ...

    async def idle_since(self, agents: Collection[str]) -> dict[str, datetime]:
        """When each agent was last given or ended a conversation (absent: never)."""
        ...

    async def busy(self, agent: str, at: datetime) -> None: ...

    async def put_back(self, session_key: str, agent: str) -> None:
        """The agent put this conversation back in the queue: it is not given back to them."""
        ...

    async def put_back_by(self, session_keys: Collection[str]) -> dict[str, str]:
        """Who put each of these conversations back in the queue (absent: nobody)."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...

    def new_session_key(self) -> str: ...


@dataclass(frozen=True)
class FAQSuggestion:
    faq: FAQ
    confidence: float


EmbeddingKind = Literal["query", "passage"]
"""A visitor's text is embedded as a query, an FAQ as a passage (models like E5 differ)."""


class Embedder(Protocol):
    """Turns texts into unit vectors whose dot product says how close their meanings are."""

    name: str  # the model; stored with every FAQ vector, so a change of model re-embeds

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        """One unit vector per text. Raises EmbedderUnavailable when it cannot."""
        ...


class EmbedderUnavailable(Exception):
    """The embedder failed (a remote endpoint down, say): match on words alone."""


@dataclass(frozen=True)
class StoredVector:
    faq_id: str
    text_hash: str  # of the text it was computed from (domain.matching.passage)
    vector: bytes  # float32, little-endian


class FAQVectors(Protocol):
    """FAQ embeddings kept between restarts and shared by instances, per model."""

    async def load(self, model: str) -> dict[str, StoredVector]: ...

    async def save(self, model: str, vectors: Sequence[StoredVector]) -> None: ...


class FAQMatcher(Protocol):
    """The evidence for the answering decision (domain.answering), kept in step with the
    catalog. Both kinds of candidate are remembered per text until the catalog changes."""

    async def lexical(self, text: str) -> list[Candidate]:
        """The FAQs the words of text point to, best first (at most 5)."""
        ...

    async def with_meaning(self, text: str, lexical: Sequence[Candidate]
                           ) -> tuple[list[Candidate], DenseContext] | None:
        """The lexical candidates merged with the FAQs closest in meaning (at most 5 more),
        each with its similarity; None without an embedder (or while it is unavailable)."""
        ...

    async def faq(self, faq_id: str) -> FAQ | None:
        """The active FAQ with this id, or None."""
        ...

    async def active_faqs(self) -> list[FAQ]: ...


@dataclass(frozen=True)
class Turn:
    sender: str
    text: str


@dataclass(frozen=True)
class DraftReply:
    """What the responder proposes. confidence None means it is not a model's judgement."""

    text: str
    confidence: float | None
    needs_human: bool = False
    reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    faq_id: str | None = None  # the model says this FAQ (of those shown) answers the question
    citations: tuple[str, ...] = ()  # the FAQs (of those shown) the answer rests on


class AnswerResponder(Protocol):
    async def draft_reply(
        self, question: str, history: Sequence[Turn], suggestions: Sequence[FAQSuggestion],
        *, session_key: str | None = None, on_text: TextSink | None = None,
    ) -> DraftReply:
        """Raises ResponderUnavailable when no answer can be drafted (timeouts, errors).

        session_key only lets the responder log and count its usage per conversation.
        on_text, when given, hears the answer's text as it is written (a responder that
        cannot stream may stay silent); the returned draft is what counts.
        """
        ...


class ResponderUnavailable(Exception):
    """The answer responder failed; the visitor goes to a person."""


class HandoffSummarizer(Protocol):
    async def summarize(self, reason: str | None, conversation: Sequence[Turn], *,
                        session_key: str | None = None) -> str:
        """A line for the agent saying what the visitor wants. Raises SummaryUnavailable
        when none can be written (the caller falls back on one built from the messages)."""
        ...


class SummaryUnavailable(Exception):
    """The model wrote no summary: it failed, timed out, or wrote nothing usable."""


class DeviceNames(Protocol):
    def describe(self, user_agent: str | None) -> str | None:
        """The browser and system in words ("Chrome 120 on Android 14"); None if unknown."""
        ...


ADMIN, AGENT = "admin", "agent"
ROLES = (ADMIN, AGENT)
"""An admin does everything; an agent chats and reads FAQs. Accounts made before roles
existed were all made by `pasokh create-admin`, so an account without a role is an admin."""


@dataclass(frozen=True)
class AgentAccount:
    username: str
    password_hash: str
    display_name: str
    created_at: datetime
    role: str = ADMIN
    active: bool = True  # a disabled account keeps its name in past conversations

    @property
    def is_admin(self) -> bool:
        return self.active and self.role == ADMIN


class AgentAccounts(Protocol):
    async def get(self, username: str) -> AgentAccount | None: ...

    async def save(self, account: AgentAccount) -> None: ...

    async def all(self) -> list[AgentAccount]:
        """Every account, by username."""
        ...

    async def remove(self, username: str) -> None:
        """The account is gone: its tokens stop working at once."""
        ...


class CannedResponses(Protocol):
    """The team's saved replies (not events: a reply sent from one is an agent message)."""

    async def all(self) -> list[CannedResponse]:
        """Every canned response, by shortcut."""
        ...

    async def get(self, response_id: str) -> CannedResponse | None: ...

    async def save(self, response: CannedResponse) -> None:
        """Add it, or replace the one with its id."""
        ...

    async def remove(self, response_id: str) -> None: ...


# -- agents' credentials -----------------------------------------------------------------


class CommonPasswords(Protocol):
    """Passwords attackers try first (leaked lists): none may be an agent's."""

    def __contains__(self, password: object) -> bool: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    @property
    def dummy_hash(self) -> str:
        """A hash to verify against for unknown users, so both cases take the same time."""
        ...


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class SocketTicket:
    """What a ticket for the desk's socket says: whose it is, its one-time id, and when
    the access token it was obtained with expires (the socket closes then)."""

    username: str
    ticket_id: str
    access_expires_at: datetime


TICKET_TTL_SECONDS = 30  # obtained just before connecting


class TokenIssuer(Protocol):
    def issue(self, username: str) -> IssuedToken: ...

    def issue_ticket(self, username: str, access_expires_at: datetime) -> IssuedToken:
        """A short-lived ticket for opening the desk's socket, in place of the access token
        in its URL (proxies log URLs)."""
        ...

    def issue_device(self, username: str) -> str:
        """A long-lived device cookie for a browser that just logged in as this account
        (OWASP's device cookies): while the account is under attack, it still logs in."""
        ...

    def device(self, cookie: str, username: str) -> str | None:
        """The device's id when the cookie is well signed, unexpired and was issued for
        this account; None otherwise."""
        ...

    def ticket(self, ticket: str) -> SocketTicket | None:
        """A well-signed, unexpired ticket's claims; None otherwise. Whether it was used
        already is not known here: see application.auth.redeem_ticket."""
        ...

    def verify(self, token: str) -> str | None:
        """The username the token was issued to, or None when invalid or expired."""
        ...

    def expires_at(self, token: str) -> datetime | None:
        """When a token that is valid now stops being accepted; None when it is not valid."""
        ...


class TicketUses(Protocol):
    async def first_use(self, ticket_id: str, within_seconds: float) -> bool:
        """True the first time a ticket id is used (on any instance), False afterwards."""
        ...


# -- limits ---------------------------------------------------------------------------------


MINUTE = 60.0
HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: float

    def __post_init__(self) -> None:
        if self.count < 1 or self.seconds <= 0:
            raise ValueError("a limit allows at least one attempt in a positive window")

    @classmethod
    def per_minute(cls, count: int) -> Limit:
        return cls(count, MINUTE)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0
    """Seconds until the next attempt would be allowed (0 when this one was)."""


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: Limit) -> Decision:
        """Count one attempt under key if the limit allows it; refused ones are not counted."""
        ...


class AIUsageLedger(Protocol):
    async def spent(self, session_key: str) -> AIUsage: ...

    async def add(self, session_key: str, usage: AIUsage) -> None:
        """Add usage (negative to give back a reservation); returns nothing."""
# -- insights (issue 16) ------------------------------------------------------------------


class EventHistory(Protocol):
    """Every committed event in global position order, read outside any unit of work
    (positions are issued in commit order, so a reader tailing by position skips none)."""

    async def read_after(self, position: int, limit: int) -> list[RecordedEvent]: ...


SameAs = Callable[[int, Sequence[int]], int | None]
"""(a wording's index, the leading wordings of the groups so far) -> the group it means the
same as, or None."""


class QuestionMeanings(Protocol):
    async def similar(self, texts: Sequence[str]) -> SameAs | None:
        """Which group's leading wording each text means the same as, by the embedder;
        None when the embedder is unavailable (grouping falls back on words)."""
        ...
