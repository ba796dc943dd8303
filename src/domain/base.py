"""Building blocks shared by every aggregate: events and the one mutation path."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Self


@dataclass(frozen=True)
class DomainEvent:
    """An immutable fact, named in the past tense. Bump SCHEMA_VERSION when its shape changes."""

    SCHEMA_VERSION: ClassVar[int] = 1


class DomainError(Exception):
    """A business rule refused a command. Raised before anything is recorded."""


class Aggregate:
    """Consistency boundary whose state is only ever changed by applying its own events."""

    def __init__(self, aggregate_id: str) -> None:
        self.id = aggregate_id
        self.version = 0
        self._pending: list[DomainEvent] = []

    @classmethod
    def rehydrate(cls, aggregate_id: str, history: Iterable[DomainEvent]) -> Self:
        aggregate = cls(aggregate_id)
        for event in history:
            cls._applier(type(event))(aggregate, event)
            aggregate.version += 1
        return aggregate

    @property
    def persisted_version(self) -> int:
        """The stream version this aggregate was loaded at: the expected version on append."""
        return self.version - len(self._pending)

    @property
    def pending_events(self) -> tuple[DomainEvent, ...]:
        return tuple(self._pending)

    def mark_persisted(self) -> None:
        self._pending.clear()

    def _record(self, event: DomainEvent) -> None:
        self._applier(type(event))(self, event)
        self.version += 1
        self._pending.append(event)

    def _apply(self, event: DomainEvent) -> None:
        raise NotImplementedError

    @classmethod
    def _applier(cls, event_type: type[DomainEvent]) -> Callable[[Any, DomainEvent], None]:
        """The function `_apply` dispatches this event type to. Looked up once per class and
        type: `singledispatchmethod` builds a new bound wrapper on every attribute access,
        which cost more than applying the event."""
        applier = _APPLIERS.get((cls, event_type))
        if applier is None:
            method = inspect.getattr_static(cls, "_apply")
            dispatcher = getattr(method, "dispatcher", None)
            applier = dispatcher.dispatch(event_type) if dispatcher is not None else method
            _APPLIERS[(cls, event_type)] = applier
        return applier


_APPLIERS: dict[tuple[type[Aggregate], type[DomainEvent]], Callable[[Any, DomainEvent], None]] = {}
