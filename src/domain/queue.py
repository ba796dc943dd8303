"""The Queue aggregate: escalated sessions waiting for an agent, first come first served,
except that a conversation an agent put back waits ahead of everyone (the latest put back
first), and sessions from a network over its escalation limit (a flood) wait behind all
others, in their own order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import singledispatchmethod
from typing import ClassVar

from domain.base import Aggregate, DomainEvent

QUEUE_STREAM = "queue"
TAKEN = "taken"
"""The cause of leaving the queue when an agent took the session."""
CLOSED = "closed"
"""The cause of leaving the queue when the session closed while it waited."""


@dataclass(frozen=True)
class SessionEnqueued(DomainEvent):
    """v2 added flood: the session came from a network over its escalation limit and waits
    behind every other session (False in v1 events)."""

    SCHEMA_VERSION: ClassVar[int] = 2

    session_key: str
    reason: str
    at: datetime
    flood: bool = False


@dataclass(frozen=True)
class SessionDequeued(DomainEvent):
    """v2 added waited_seconds: how long the session waited (None in events from v1)."""

    SCHEMA_VERSION: ClassVar[int] = 2

    session_key: str
    cause: str
    at: datetime
    waited_seconds: float | None = None


@dataclass(frozen=True)
class SessionRequeued(DomainEvent):
    """An agent put the conversation back: it waits at the head of the queue (of the floods'
    part of it, for a flood), ahead of everyone who waited already (ADR 0047)."""

    session_key: str
    reason: str
    at: datetime
    flood: bool = False


@dataclass(frozen=True)
class QueueEntry:
    session_key: str
    reason: str
    enqueued_at: datetime
    flood: bool = False
    order: int = 0  # arrivals count up; conversations put back count down, ahead of them


class Queue(Aggregate):
    def __init__(self, aggregate_id: str = QUEUE_STREAM) -> None:
        super().__init__(aggregate_id)
        self._entries: dict[str, QueueEntry] = {}
        self._arrivals = 0

    def enqueue(self, session_key: str, reason: str, at: datetime, flood: bool = False) -> None:
        """Idempotent: a session already waiting keeps its place."""
        if session_key not in self._entries:
            self._record(SessionEnqueued(session_key=session_key, reason=reason, at=at,
                                         flood=flood))

    def requeue_at_head(self, session_key: str, reason: str, at: datetime,
                        flood: bool = False) -> None:
        """Idempotent: a session already waiting keeps its place."""
        if session_key not in self._entries:
            self._record(SessionRequeued(session_key=session_key, reason=reason, at=at,
                                         flood=flood))

    def remove(self, session_key: str, cause: str, at: datetime) -> None:
        """Idempotent: removing a session that is not waiting records nothing."""
        entry = self._entries.get(session_key)
        if entry is not None:
            waited = max(0.0, (at - entry.enqueued_at).total_seconds())
            self._record(SessionDequeued(session_key=session_key, cause=cause, at=at,
                                         waited_seconds=waited))

    @property
    def entries(self) -> list[QueueEntry]:
        """In the order they will be served: a flood's entries after all the others."""
        return sorted(self._entries.values(), key=lambda entry: (entry.flood, entry.order))

    def position_of(self, session_key: str) -> int | None:
        """1-based place in the queue, or None when the session is not waiting."""
        for position, entry in enumerate(self.entries, start=1):
            if entry.session_key == session_key:
                return position
        return None

    def __len__(self) -> int:
        return len(self._entries)

    @singledispatchmethod
    def _apply(self, event: DomainEvent) -> None:
        raise TypeError(f"Queue cannot apply {type(event).__name__}")

    @_apply.register
    def _(self, event: SessionEnqueued) -> None:
        self._arrivals += 1
        self._entries[event.session_key] = QueueEntry(event.session_key, event.reason, event.at,
                                                   event.flood, self._arrivals)

    @_apply.register
    def _(self, event: SessionRequeued) -> None:
        self._arrivals += 1
        self._entries[event.session_key] = QueueEntry(event.session_key, event.reason, event.at,
                                                   event.flood, -self._arrivals)

    @_apply.register
    def _(self, event: SessionDequeued) -> None:
        del self._entries[event.session_key]
