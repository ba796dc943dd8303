"""Sliding-window counters in this process: exact, bounded, and lost on restart.

No await between reading and writing a counter, so each hit is atomic on the event loop.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

from application.rate_limits import Decision, Limit
from domain.ai_budget import AIUsage

MAX_KEYS = 100_000


class InMemoryRateLimiter:
    """A log of the allowed hits per key (at most `limit.count` of them)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    async def hit(self, key: str, limit: Limit) -> Decision:
        return self.hit_now(key, limit)

    def hit_now(self, key: str, limit: Limit) -> Decision:
        now = self._clock()
        hits = self._hits.pop(key, None) or deque()
        while hits and hits[0] <= now - limit.seconds:
            hits.popleft()
        if len(hits) >= limit.count:
            decision = Decision(False, hits[0] + limit.seconds - now)
        else:
            hits.append(now)
            decision = Decision(True)
        self._hits[key] = hits  # most recently used last; the least recent is forgotten first
        while len(self._hits) > self._max_keys:
            self._hits.popitem(last=False)
        return decision

    def __len__(self) -> int:
        return len(self._hits)


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
