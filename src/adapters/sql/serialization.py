"""Domain events to JSON rows and back, with upcasting of old schema versions."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

from domain import faq_catalog, queue, session_events
from domain.base import DomainEvent

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    # v2 records how long the session waited; v1 did not know, and we do not guess.
    ("SessionDequeued", 1): lambda data: {**data, "waited_seconds": None},
}
"""(type, from_version) -> a function turning that version's data into the next version's."""


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
    name = type(event).__name__
    if EVENT_TYPES.get(name) is not type(event):
        raise UnknownEventType(name)
    data = {f.name: _plain(getattr(event, f.name)) for f in dataclasses.fields(event)}
    return name, type(event).SCHEMA_VERSION, data


def from_row(type_name: str, schema_version: int, data: Mapping[str, Any],
             upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> DomainEvent:
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEventType(type_name)
    data = _upcast(type_name, schema_version, dict(data), cls.SCHEMA_VERSION,
                   UPCASTERS if upcasters is None else upcasters)
    hints = _hints(cls)
    return cls(**{f.name: _revive(hints[f.name], data[f.name]) for f in dataclasses.fields(cls)})


_HINTS: dict[type[DomainEvent], dict[str, Any]] = {}


def _hints(cls: type[DomainEvent]) -> dict[str, Any]:
    """Resolving annotations is slow; every event of one class shares the answer."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = get_type_hints(cls)
    return hints


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


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def _revive(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        concrete = [arg for arg in get_args(hint) if arg is not type(None)]
        return _revive(concrete[0], value) if len(concrete) == 1 else value
    if hint is datetime:
        return datetime.fromisoformat(value)
    if origin is tuple:
        item = get_args(hint)[0] if get_args(hint) else Any
        return tuple(_revive(item, v) for v in value)
    return value
