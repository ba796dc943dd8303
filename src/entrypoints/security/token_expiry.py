"""An agent's socket lives no longer than the token that opened it: then it closes with 4401."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, Protocol

TOKEN_EXPIRED = 4401  # the same code as a missing or invalid token: log in again


class Closable(Protocol):
    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class TokenLifetime:
    def __init__(self, expires_at: datetime, now: Callable[[], datetime] = utc_now) -> None:
        self.expires_at = expires_at
        self._now = now
        self.expired = False

    def seconds_left(self) -> float:
        return max(0.0, (self.expires_at - self._now()).total_seconds())

    async def bound(self, work: Coroutine[Any, Any, None]) -> None:
        """Run work until it ends or the token expires, whichever comes first."""
        deadline = asyncio.timeout(self.seconds_left())
        try:
            async with deadline:
                await work
        except TimeoutError:
            if not deadline.expired():
                raise  # the work's own timeout, not ours
            self.expired = True

    async def close_if_expired(self, websocket: Closable) -> None:
        if self.expired:
            with contextlib.suppress(RuntimeError, OSError):  # the client left meanwhile
                await websocket.close(TOKEN_EXPIRED, "the access token expired")
