"""What the application needs from the outside world, in business terms."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from application.views import ChatView, FAQView, QueueEntryView, SessionView
from domain.answering import Candidate, DenseContext
from domain.base import DomainEvent
from domain.faq import FAQ


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


class EventStore(Protocol):
    """Append-only log of streams, used inside one unit of work's transaction."""

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]: ...

    async def append(
        self,
        stream_id: str,
        expected_version: int,
        events: Sequence[DomainEvent],
        metadata: dict[str, Any],
    ) -> list[RecordedEvent]:
        """Raises ConcurrencyError when the stream is no longer at expected_version."""
        ...

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]: ...


class Projector(Protocol):
    """Keeps the read models in step with the events, in the same transaction as the append."""

    async def project(self, recorded: Sequence[RecordedEvent]) -> None: ...


class UnitOfWorkPort(Protocol):
    events: EventStore

    async def __aenter__(self) -> UnitOfWorkPort: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def commit(self) -> list[RecordedEvent]: ...


class ReadModels(Protocol):
    """Query side: answers from the projection tables only."""

    async def session(self, session_key: str, after_seq: int = 0) -> SessionView | None: ...

    async def faqs(self, include_inactive: bool = False) -> list[FAQView]: ...

    async def faq(self, faq_id: str) -> FAQView | None: ...

    async def queue(self) -> list[QueueEntryView]: ...

    async def active_chats(self) -> list[ChatView]: ...

    async def recent_waits(self, limit: int) -> list[float]:
        """How long, in seconds, the latest sessions taken from the queue waited; newest first."""
        ...

    async def catalog_version(self) -> int: ...

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


TYPING = "typing"
"""Signal kind: `sender` ("user" or "agent") is typing in the stream's conversation."""
RESYNC = "resync"
"""Signal kind, to every reader: live delivery had a gap (Redis was away); re-read the store."""


ALL_STREAMS = "*"
"""Subscribe to this to hear every stream."""

Notification = RecordedEvent | Signal
"""What a subscription yields: committed events (doorbells for the store) and signals."""


class Signaller(Protocol):
    async def signal(self, signal: Signal) -> None: ...


class Subscription(Protocol):
    def __aiter__(self) -> AsyncIterator[Notification]: ...

    async def close(self) -> None: ...


class Subscriber(Protocol):
    async def subscribe(self, stream_id: str, *more_streams: str) -> Subscription:
        """Live events and signals of the streams ("session-<key>", "queue"), in the order
        they were published, or of all streams with "*"."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


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
        *, session_key: str | None = None,
    ) -> DraftReply:
        """Raises ResponderUnavailable when no answer can be drafted (timeouts, errors).

        session_key only lets the responder log and count its usage per conversation.
        """
        ...


class ResponderUnavailable(Exception):
    """The answer responder failed; the visitor goes to a person."""


@dataclass(frozen=True)
class AgentAccount:
    username: str
    password_hash: str
    display_name: str
    created_at: datetime


class AgentAccounts(Protocol):
    async def get(self, username: str) -> AgentAccount | None: ...

    async def save(self, account: AgentAccount) -> None: ...

    async def remove(self, username: str) -> None:
        """The account is gone: its tokens stop working at once."""
        ...


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
