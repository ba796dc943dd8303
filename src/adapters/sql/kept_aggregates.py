"""Aggregates kept in memory after their commit, so the next command on the same stream
does not read and replay the whole stream again.

An aggregate is handed to one unit of work at a time (`take` removes it) and only comes back
after that unit of work committed, so a kept aggregate never holds uncommitted changes. It
may be behind its stream when another process appended since; the unit of work copes (see
application.unit_of_work).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from domain.base import Aggregate

DEFAULT_CAPACITY = 10_000


class KeptAggregates:
    """A bounded, least-recently-used set of committed aggregates, by stream id."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._kept: OrderedDict[str, Aggregate] = OrderedDict()

    def take(self, stream_id: str) -> Aggregate | None:
        return self._kept.pop(stream_id, None)

    def keep(self, aggregates: Iterable[Aggregate]) -> None:
        if self._capacity <= 0:
            return
        for aggregate in aggregates:
            if aggregate.pending_events or aggregate.version == 0:
                continue  # uncommitted changes, or nothing stored yet
            self._kept[aggregate.id] = aggregate
            self._kept.move_to_end(aggregate.id)
        while len(self._kept) > self._capacity:
            self._kept.popitem(last=False)

    def forget(self, stream_id: str) -> None:
        self._kept.pop(stream_id, None)

    def __len__(self) -> int:
        return len(self._kept)
