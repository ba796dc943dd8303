"""Sliding-window counters in Redis, shared by every instance; atomic through one Lua script
(the AI usage ledger, which shares the key hashing and the fallback, is in redis_ai_usage).

Keys hold a hash of what they count (session keys are credentials, addresses and usernames
personal data), never the thing itself. When Redis fails, the counters fall back to this
process, so limits keep holding per instance instead of failing open or shutting the door.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import NoScriptError, RedisError

from adapters.rate_limit.memory import InMemoryRateLimiter
from application.ports import Decision, Limit

log = structlog.get_logger("pasokh.rate_limit")

# KEYS[1] the window; ARGV: now (ms), window (ms), limit, a unique member for this hit.
# Returns {1, 0} when counted, {0, ms until the oldest counted hit leaves the window}.
SLIDING_WINDOW = """
local key = KEYS[1]
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
"""

def hashed(prefix: str, kind: str, key: str) -> str:
    return f"{prefix}:{kind}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def redis_client(url: str) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


class Degradable:
    """Logs once when Redis fails and once when it is back."""

    _degraded = False

    def _failed(self, error: RedisError) -> None:
        if not self._degraded:
            log.warning("redis unreachable: counting in this process only",
                        error=type(error).__name__)
        self._degraded = True

    def _recovered(self) -> None:
        if self._degraded:
            log.info("redis reachable again: counting in redis")
        self._degraded = False


MAX_BATCH = 256


@dataclass
class _Hit:
    key: str
    args: tuple[int, int, int, str]
    answer: asyncio.Future[Any]


class RedisRateLimiter(Degradable):
    """The hits that arrive while a pipeline is on its way to Redis go together in the next
    one: under load a hundred visitors' messages cost one round trip, not a hundred script
    calls each with its own connection checkout (ADR 0024)."""

    def __init__(self, client: Redis, prefix: str = "pasokh",
                 clock: Callable[[], float] = time.time,
                 fallback: InMemoryRateLimiter | None = None) -> None:
        self._client = client
        self._prefix = prefix
        self._clock = clock
        self._fallback = fallback or InMemoryRateLimiter()
        self._sha: str | None = None
        self._waiting: list[_Hit] = []
        self._sender: asyncio.Task[None] | None = None
        self.pipelines = 0  # round trips to Redis, for tests and benchmarks

    async def hit(self, key: str, limit: Limit) -> Decision:
        now_ms = int(self._clock() * 1000)
        window_ms = max(1, int(limit.seconds * 1000))
        loop = asyncio.get_running_loop()
        hit = _Hit(hashed(self._prefix, "ratelimit", key),
                   (now_ms, window_ms, limit.count, f"{now_ms}-{secrets.token_hex(6)}"),
                   loop.create_future())
        self._waiting.append(hit)
        self._send_soon(loop)
        try:
            allowed, wait_ms = await hit.answer
        except RedisError as error:
            self._failed(error)
            return self._fallback.hit_now(key, limit)
        self._recovered()
        return Decision(bool(allowed), max(0.0, int(wait_ms) / 1000))

    def _send_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        sender = self._sender
        if sender is not None and not sender.done():
            if sender.get_loop() is loop:
                return  # it takes the new hit with its next pipeline
            # a sender left on an event loop that stopped: its hits never get an answer
            self._waiting = [hit for hit in self._waiting if hit.answer.get_loop() is loop]
        self._sender = loop.create_task(self._send_all(), name="pasokh-rate-limit")

    async def _send_all(self) -> None:
        batch: list[_Hit] = []
        try:
            while self._waiting:
                batch = self._waiting[:MAX_BATCH]
                del self._waiting[:MAX_BATCH]
                try:
                    results = await self._send(batch)
                except Exception as error:  # Redis away: each caller counts in process
                    results = [error] * len(batch)
                _answer(batch, results)
        except BaseException:  # cancelled: nobody may wait forever
            stopped = RedisError("the rate limiter stopped")
            _answer([*batch, *self._waiting], [stopped] * (len(batch) + len(self._waiting)))
            self._waiting = []
            raise

    async def _send(self, batch: list[_Hit]) -> list[Any]:
        """One pipeline of script calls; the script is loaded again if Redis lost it."""
        results = await self._pipeline(batch)
        lost = [i for i, result in enumerate(results) if isinstance(result, NoScriptError)]
        if lost:  # Redis restarted or flushed its scripts: those hits were not counted
            self._sha = None
            for i, result in zip(lost, await self._pipeline([batch[i] for i in lost]),
                                 strict=True):
                results[i] = result
        return results

    async def _pipeline(self, batch: list[_Hit]) -> list[Any]:
        if self._sha is None:
            self._sha = await self._client.script_load(SLIDING_WINDOW)
        async with self._client.pipeline(transaction=False) as pipe:
            for hit in batch:
                pipe.evalsha(self._sha, 1, hit.key, *hit.args)
            results: list[Any] = await pipe.execute(raise_on_error=False)
        self.pipelines += 1
        return results


def _answer(hits: list[_Hit], results: list[Any]) -> None:
    for hit, result in zip(hits, results, strict=True):
        if hit.answer.done():  # its caller gave up, or was answered already
            continue
        if isinstance(result, RedisError):
            hit.answer.set_exception(result)
        elif isinstance(result, Exception):
            hit.answer.set_exception(RedisError(f"{type(result).__name__}: {result}"))
        else:
            hit.answer.set_result(result)
