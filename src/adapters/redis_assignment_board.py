"""The assignment board shared through Redis (ADR 0046): a lock with a time to live, so one
pass runs at a time across instances and a dead holder's turn passes on by itself; and a
hash of when each agent was last given or ended a conversation.

When Redis fails, passes take turns in this process only: two instances may then pass at
once, and the join's race still gives each conversation once (an agent may end up one over
the limit)."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from datetime import datetime

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from application.ports import AssignmentTurn

log = structlog.get_logger("pasokh.assignment")

# KEYS[1] the turn; ARGV[1] the holder's token. Only the holder ends its turn.
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
HOLD_MS = 15_000  # far above a pass; a holder that died is waited for this long at most
PATIENCE_SECONDS = 20.0
POLL_SECONDS = 0.02
PUT_BACK_SECONDS = 7 * 24 * 3600  # who put a conversation back, kept while it may still wait


class RedisAssignmentBoard:
    def __init__(self, client: Redis, prefix: str, patience_seconds: float = PATIENCE_SECONDS,
                 hold_ms: int = HOLD_MS) -> None:
        self._redis = client
        self._turn_key = f"{prefix}:assignment:turn"
        self._idle_key = f"{prefix}:assignment:idle"
        self._put_back_prefix = f"{prefix}:assignment:put-back:"
        self._patience = patience_seconds
        self._hold_ms = hold_ms
        self._local = asyncio.Lock()  # one pass of this process at a time, and Redis's turn

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self._local:
            token = secrets.token_hex(8)
            held = await self._take(token)
            try:
                yield
            finally:
                if held:
                    await self._give_back(token)

    async def _take(self, token: str) -> bool:
        """True once the turn is ours; False when Redis cannot be asked (local turns only)."""
        deadline = time.monotonic() + self._patience
        while True:
            try:
                if await self._redis.set(self._turn_key, token, nx=True, px=self._hold_ms):
                    return True
            except (RedisError, OSError) as error:
                log.warning("redis unreachable: assignment passes take turns per instance",
                            error=type(error).__name__)
                return False
            if time.monotonic() >= deadline:
                raise AssignmentTurn("another instance held the assignment turn too long")
            await asyncio.sleep(POLL_SECONDS)

    async def _give_back(self, token: str) -> None:
        try:
            await self._redis.eval(RELEASE, 1, self._turn_key, token)
        except (RedisError, OSError) as error:  # it expires by itself
            log.warning("could not end the assignment turn", error=type(error).__name__)

    async def idle_since(self, agents: Collection[str]) -> dict[str, datetime]:
        names = sorted(agents)
        if not names:
            return {}
        try:
            values = await self._redis.hmget(self._idle_key, names)
        except (RedisError, OSError):
            return {}
        return {name: datetime.fromisoformat(value.decode() if isinstance(value, bytes)
                                             else str(value))
                for name, value in zip(names, values, strict=True) if value}

    async def busy(self, agent: str, at: datetime) -> None:
        try:
            await self._redis.hset(self._idle_key, agent, at.isoformat())
        except (RedisError, OSError) as error:
            log.warning("could not record when an agent was last busy",
                        error=type(error).__name__)

    async def put_back(self, session_key: str, agent: str) -> None:
        try:
            await self._redis.set(self._put_back_prefix + session_key, agent,
                                  ex=PUT_BACK_SECONDS)
        except (RedisError, OSError) as error:
            log.warning("could not record who put a conversation back",
                        error=type(error).__name__)

    async def put_back_by(self, session_keys: Collection[str]) -> dict[str, str]:
        keys = list(session_keys)
        if not keys:
            return {}
        try:
            values = await self._redis.mget([self._put_back_prefix + key for key in keys])
        except (RedisError, OSError):
            return {}
        return {key: value.decode() if isinstance(value, bytes) else str(value)
                for key, value in zip(keys, values, strict=True) if value}
