"""What each conversation has spent on the AI, in Redis for every instance; counted in this
process while Redis is away (adapters.rate_limit.redis says how keys are hashed)."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.exceptions import RedisError

from adapters.rate_limit.memory import InMemoryAIUsageLedger
from adapters.rate_limit.redis import Degradable, hashed
from domain.ai_budget import AIUsage

USAGE_TTL_SECONDS = 24 * 3600  # a conversation idle for a day starts a fresh budget


class RedisAIUsageLedger(Degradable):
    def __init__(self, client: Redis, prefix: str = "pasokh",
                 fallback: InMemoryAIUsageLedger | None = None) -> None:
        self._client = client
        self._prefix = prefix
        self._fallback = fallback or InMemoryAIUsageLedger()

    async def spent(self, session_key: str) -> AIUsage:
        try:
            calls, tokens = await self._client.hmget(self._key(session_key), "calls", "tokens")
        except RedisError as error:
            self._failed(error)
            return await self._fallback.spent(session_key)
        self._recovered()
        return AIUsage(int(calls or 0), int(tokens or 0)).plus(
            await self._fallback.spent(session_key))

    async def add(self, session_key: str, usage: AIUsage) -> None:
        key = self._key(session_key)
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.hincrby(key, "calls", usage.calls)
                pipe.hincrby(key, "tokens", usage.tokens)
                pipe.expire(key, USAGE_TTL_SECONDS)
                await pipe.execute()
        except RedisError as error:
            self._failed(error)
            self._fallback.add_now(session_key, usage)
            return
        self._recovered()

    def _key(self, session_key: str) -> str:
        return hashed(self._prefix, "ai-usage", session_key)
