"""Sliding-window counters in this process: exact, bounded, and lost on restart.

No await between reading and writing a counter, so each hit is atomic on the event loop.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

from application.ports import Decision, Limit
from domain.ai_budget import AIUsage

MAX_KEYS = 100_000


class _Window:
    __slots__ = ("hits", "seconds")

    def __init__(self, seconds: float) -> None:
        self.hits: deque[float] = deque()
        self.seconds = seconds

    def expired(self, now: float) -> bool:
        return not self.hits or self.hits[-1] <= now - self.seconds


class InMemoryRateLimiter:
    """A log of the allowed hits per key (at most `limit.count` of them).

    Bounded, without letting one kind of traffic erase another's counts: keys are kept
    apart by kind (the part of the key before its first `:`: visitors' messages, new
    sessions, logins), each kind holds at most `max_keys`, and a full kind first forgets
    the counters whose window has passed (they count nothing any more). Only when every
    counter of that kind is still live is the least recently used one forgotten. So a flood
    of visitor sessions can never erase an account's login counter.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._kinds: dict[str, OrderedDict[str, _Window]] = {}

    async def hit(self, key: str, limit: Limit) -> Decision:
        return self.hit_now(key, limit)

    def hit_now(self, key: str, limit: Limit) -> Decision:
        now = self._clock()
        kind = self._kinds.setdefault(key.split(":", 1)[0], OrderedDict())
        window = kind.pop(key, None) or _Window(limit.seconds)
        window.seconds = limit.seconds
        hits = window.hits
        while hits and hits[0] <= now - limit.seconds:
            hits.popleft()
        if len(hits) >= limit.count:
            decision = Decision(False, hits[0] + limit.seconds - now)
        else:
            hits.append(now)
            decision = Decision(True)
        kind[key] = window  # most recently used last
        if len(kind) > self._max_keys:
            self._make_room(kind, now)
        return decision

    def _make_room(self, kind: OrderedDict[str, _Window], now: float) -> None:
        for stale in [k for k, window in kind.items() if window.expired(now)]:
            del kind[stale]
        while len(kind) > self._max_keys * 0.9:  # room for a while: sweeps stay rare
            kind.popitem(last=False)

    def __len__(self) -> int:
        return sum(len(kind) for kind in self._kinds.values())


class InMemoryAIUsageLedger:
    def __init__(self, max_sessions: int = MAX_KEYS) -> None:
        self._max_sessions = max_sessions
        self._spent: OrderedDict[str, AIUsage] = OrderedDict()

    async def spent(self, session_key: str) -> AIUsage:
        return self._spent.get(session_key, AIUsage())

    async def add(self, session_key: str, usage: AIUsage) -> None:
        self.add_now(session_key, usage)

    def add_now(self, session_key: str, usage: AIUsage) -> None:
        self._spent[session_key] = self._spent.pop(session_key, AIUsage()).plus(usage)
        while len(self._spent) > self._max_sessions:
            self._spent.popitem(last=False)
