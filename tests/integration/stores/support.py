"""Deterministic clock and ids, a bus over any backend, and sample events of every type."""

from __future__ import annotations

import dataclasses
import types
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Union, get_args, get_origin, get_type_hints

from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.sql.serialization import EVENT_TYPES
from application.messagebus import MessageBus
from application.ports import AgentAccounts, AgentPresence
from application.services import Services
from domain.base import DomainEvent
from tests.integration.stores.backends import Backend

TEHRAN = timezone(timedelta(hours=3, minutes=30))


class SteppingClock:
    """Every reading is one second after the previous one; given in Tehran time on purpose,
    so the stores must convert to UTC and back."""

    def __init__(self, start: datetime = datetime(2025, 3, 20, 9, 0, tzinfo=TEHRAN)) -> None:
        self._next = start

    def now(self) -> datetime:
        current, self._next = self._next, self._next + timedelta(seconds=1)
        return current


class SequentialIds:
    def __init__(self) -> None:
        self._count = 0

    def new_id(self) -> str:
        self._count += 1
        return f"id-{self._count:04d}"

    def new_session_key(self) -> str:
        self._count += 1
        return f"key-{self._count:04d}"


def bus_for(backend: Backend, accounts: AgentAccounts | None = None,
            presence: AgentPresence | None = None) -> MessageBus:
    services = Services(uow=backend.uow, read_models=backend.read_models,
                        matcher=IndexedFAQMatcher(backend.read_models),
                        responder=LocalFallbackResponder(), clock=SteppingClock(),
                        ids=SequentialIds(), accounts=accounts, presence=presence)
    return MessageBus(services, backend.make_uow)


def sample_event(cls: type[DomainEvent], n: int = 1) -> DomainEvent:
    """An instance of cls with a made-up value for every field, derived from its type hints."""
    hints = get_type_hints(cls)
    return cls(**{f.name: _sample(hints[f.name], n) for f in dataclasses.fields(cls)})


def every_event_type() -> list[DomainEvent]:
    return [sample_event(cls, n) for n, cls in enumerate(EVENT_TYPES.values(), start=1)]


def _sample(hint: Any, n: int) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        return _sample(next(a for a in get_args(hint) if a is not type(None)), n)
    if get_origin(hint) is tuple:
        item = get_args(hint)[0]
        return (_sample(item, n), _sample(item, n + 1)) if dataclasses.is_dataclass(item) \
            else ("نوبت", f"word-{n}")
    if dataclasses.is_dataclass(hint):  # a record inside an event (an Offer)
        record: Any = hint
        return record(**{f.name: _sample(f.type if not isinstance(f.type, str)
                                          else get_type_hints(hint)[f.name], n)
                         for f in dataclasses.fields(hint)})
    samples: dict[Any, Any] = {
        str: f"متن {n} text", int: n, float: n + 0.41, bool: n % 2 == 0,
        datetime: datetime(2025, 1, 1, 12, 0, n % 60, 123456, tzinfo=UTC) + timedelta(days=n),
    }
    return samples[hint]
