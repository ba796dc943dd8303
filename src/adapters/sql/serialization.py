"""Domain events to JSON rows and back, with upcasting of old schema versions."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

from domain import queue, session_events
from domain.base import DomainEvent
from domain.faq import catalog as faq_catalog

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    # v2 records how long the session waited; v1 did not know, and we do not guess.
    ("SessionDequeued", 1): lambda data: {**data, "waited_seconds": None},
    # v2 of a visitor's message says which suggested FAQ they chose; v1 offered none.
    ("VisitorMessagePosted", 1): lambda data: {**data, "faq_id": None},
    # v2 of the bot's answer carries what it offered and what it cited; v1 did neither.
    ("BotAnswered", 1): lambda data: {**data, "suggestions": [], "citations": []},
    # v2 tag the visitor's network and mark floods; v1 knew neither.
    ("SessionStarted", 1): lambda data: {**data, "origin": None, "visitor_id": None},
    # v3 carries the visitor's context (page, referrer, locale, user agent); v2 had none.
    ("SessionStarted", 2): lambda data: {**data, "context": None},
    ("SessionEscalated", 1): lambda data: {**data, "flood": False},
    ("SessionEnqueued", 1): lambda data: {**data, "flood": False},
    # v2 of an FAQ's addition or change carries its content as one record.
    ("FAQAdded", 1): lambda data: _faq_content_v2(data),
    ("FAQUpdated", 1): lambda data: _faq_content_v2(data),
}
"""(type, from_version) -> a function turning that version's data into the next version's."""


_FAQ_V1_FIELDS = ("question", "answer", "keywords", "category", "priority", "active")


def _faq_content_v2(data: Data) -> Data:
    content = {name: data[name] for name in _FAQ_V1_FIELDS}
    return {**{k: v for k, v in data.items() if k not in _FAQ_V1_FIELDS}, "content": content}


class UnknownEventType(LookupError):
    pass


def _event_classes(modules: Iterable[types.ModuleType]) -> dict[str, type[DomainEvent]]:
    return {
        name: value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, DomainEvent)
        and value is not DomainEvent and value.__module__ == module.__name__
    }


EVENT_TYPES: dict[str, type[DomainEvent]] = _event_classes(
    (session_events, queue, faq_catalog)
)


def to_row(event: DomainEvent) -> tuple[str, int, Data]:
    cls = type(event)
    name = cls.__name__
    if EVENT_TYPES.get(name) is not cls:
        raise UnknownEventType(name)
    data = {field: _plain(getattr(event, field)) for field in _field_names(cls)}
    return name, cls.SCHEMA_VERSION, data


def from_row(type_name: str, schema_version: int, data: Mapping[str, Any],
             upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> DomainEvent:
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEventType(type_name)
    data = _upcast(type_name, schema_version, dict(data), cls.SCHEMA_VERSION,
                   UPCASTERS if upcasters is None else upcasters)
    return cls(**{name: value if revive is None or value is None else revive(value)
                  for name, revive in _readers(cls) for value in (data[name],)})


Reviver = Callable[[Any], Any]
_READERS: dict[type[DomainEvent], list[tuple[str, Reviver | None]]] = {}


def _readers(cls: type[DomainEvent]) -> list[tuple[str, Reviver | None]]:
    """Each field and how to turn its JSON value back (None: as it is). Resolving
    annotations is slow; every event of one class shares the answer."""
    readers = _READERS.get(cls)
    if readers is None:
        hints = get_type_hints(cls)
        readers = _READERS[cls] = [(f.name, _reviver(hints[f.name]))
                                   for f in dataclasses.fields(cls)]
    return readers


def _upcast(type_name: str, version: int, data: Data, target: int,
            upcasters: Mapping[tuple[str, int], Upcaster]) -> Data:
    if version > target:
        raise ValueError(f"{type_name} v{version} is newer than this code (v{target})")
    while version < target:
        upcaster = upcasters.get((type_name, version))
        if upcaster is None:
            raise LookupError(f"no upcaster for {type_name} from v{version}")
        data = upcaster(data)
        version += 1
    return data


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})
"""The types most fields hold, stored as they are (a subclass, such as an enum, goes the
long way, as before)."""


def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's fields, in order: dataclasses.fields() builds them anew on every call,
    for every event the group commit writes."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: Any) -> Any:
    if type(value) in _AS_THEY_ARE:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field: _plain(getattr(value, field)) for field in _field_names(type(value))}
    return value


def _reviver(hint: Any) -> Reviver | None:
    """How a JSON value of this annotation becomes the field's value; None: unchanged."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        concrete = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(concrete) != 1:
            return None
        inner = _reviver(concrete[0])
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if hint is datetime:
        return datetime.fromisoformat
    if dataclasses.is_dataclass(hint):
        record: Any = hint
        return lambda value: record(**value)
    if origin is tuple:
        args = get_args(hint)
        item = _reviver(args[0]) if args else None
        if item is None:
            return tuple
        return lambda value: tuple(None if v is None else item(v) for v in value)
    return None
