"""Whether Redis answers, for the readiness probe: a short-lived connection per check."""

from __future__ import annotations

import redis.asyncio as aioredis
from redis.exceptions import RedisError


async def redis_reachable(url: str, timeout_seconds: float = 2.0) -> bool:
    client = aioredis.Redis.from_url(url, socket_connect_timeout=timeout_seconds,
                                     socket_timeout=timeout_seconds)
    try:
        return bool(await client.ping())
    except (RedisError, OSError):
        return False
    finally:
        await client.aclose()
