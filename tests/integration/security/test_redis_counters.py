"""With Redis, every instance counts against the same windows and budgets; atomically; and
when Redis is away the limits keep holding in each process."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from adapters.rate_limit import InMemoryAIUsageLedger, InMemoryRateLimiter
from adapters.rate_limit.redis import RedisRateLimiter, redis_client
from adapters.rate_limit.redis_ai_usage import RedisAIUsageLedger
from application.rate_limits import Limit
from domain.ai_budget import AIUsage
from entrypoints.container import create_container
from tests.integration.security.conftest import settings_with

pytestmark = pytest.mark.redis

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def prefix() -> str:
    return f"pasokh-test-{secrets.token_hex(4)}"


@pytest.fixture
async def clients(redis_url: str) -> AsyncIterator[tuple[Redis, Redis]]:
    """Two connections, as two instances of Pasokh would have."""
    first, second = redis_client(redis_url), redis_client(redis_url)
    yield first, second
    await first.aclose()
    await second.aclose()


async def test_two_instances_share_one_window(clients: tuple[Redis, Redis], prefix: str) -> None:
    a, b = (RedisRateLimiter(client, prefix) for client in clients)
    limit = Limit(3, 60)
    allowed = [(await limiter.hit("visitor", limit)).allowed for limiter in (a, b, a, b)]
    assert allowed == [True, True, True, False]
    refused = await a.hit("visitor", limit)
    assert not refused.allowed and 59 < refused.retry_after <= 60
    assert (await b.hit("someone else", limit)).allowed


async def test_concurrent_hits_never_exceed_the_limit(clients: tuple[Redis, Redis],
                                                      prefix: str) -> None:
    a, b = (RedisRateLimiter(client, prefix) for client in clients)
    limit = Limit(10, 60)
    decisions = await asyncio.gather(*(limiter.hit("burst", limit)
                                       for _ in range(25) for limiter in (a, b)))
    assert sum(d.allowed for d in decisions) == 10


async def test_hits_that_arrive_together_share_a_round_trip(clients: tuple[Redis, Redis],
                                                            prefix: str) -> None:
    """A hundred visitors at once cost a few pipelines, and each still gets its own answer."""
    limiter = RedisRateLimiter(clients[0], prefix)
    limit = Limit(2, 60)
    decisions = await asyncio.gather(*(limiter.hit(f"visitor {n % 50}", limit)
                                       for n in range(150)))
    assert [d.allowed for d in decisions] == [True] * 100 + [False] * 50
    assert all(59 < d.retry_after <= 60 for d in decisions[100:])
    assert 1 <= limiter.pipelines <= 3


async def test_a_caller_that_gives_up_does_not_disturb_the_others(
        clients: tuple[Redis, Redis], prefix: str) -> None:
    limiter = RedisRateLimiter(clients[0], prefix)
    limit = Limit(1, 60)
    impatient = asyncio.create_task(limiter.hit("impatient", limit))
    others = [asyncio.create_task(limiter.hit(f"other {n}", limit)) for n in range(5)]
    await asyncio.sleep(0)
    impatient.cancel()
    assert all(d.allowed for d in await asyncio.gather(*others))
    assert (await limiter.hit("later", limit)).allowed


async def test_a_redis_that_lost_its_scripts_still_counts(clients: tuple[Redis, Redis],
                                                          prefix: str) -> None:
    limiter = RedisRateLimiter(clients[0], prefix)
    limit = Limit(2, 60)
    assert (await limiter.hit("k", limit)).allowed
    await clients[1].script_flush()  # as after a restart of Redis
    assert (await limiter.hit("k", limit)).allowed
    assert not (await limiter.hit("k", limit)).allowed  # both hits were counted in Redis


async def test_the_window_slides_in_redis_as_in_memory(clients: tuple[Redis, Redis],
                                                       prefix: str) -> None:
    now = [1_000.0]
    limiter = RedisRateLimiter(clients[0], prefix, clock=lambda: now[0])
    limit = Limit(2, 60)
    await limiter.hit("k", limit)
    now[0] += 50
    await limiter.hit("k", limit)
    now[0] += 5
    refused = await limiter.hit("k", limit)
    assert not refused.allowed and refused.retry_after == pytest.approx(5)
    now[0] += 5
    assert (await limiter.hit("k", limit)).allowed


async def test_keys_in_redis_hold_no_session_key(clients: tuple[Redis, Redis],
                                                 prefix: str) -> None:
    session_key = "N0xAbCdEfGhIjKlMnOpQrStUvWxYz012"
    await RedisRateLimiter(clients[0], prefix).hit(f"messages:{session_key}", Limit(1, 60))
    await RedisAIUsageLedger(clients[0], prefix).add(session_key, AIUsage(1, 10))
    keys = [key.decode() async for key in clients[0].scan_iter(f"{prefix}:*")]
    assert len(keys) == 2
    assert not any(session_key in key for key in keys)


async def test_two_instances_share_a_conversations_ai_budget(clients: tuple[Redis, Redis],
                                                             prefix: str) -> None:
    a, b = (RedisAIUsageLedger(client, prefix) for client in clients)
    await a.add("session", AIUsage(1, 120))
    await b.add("session", AIUsage(1, 80))
    assert await a.spent("session") == await b.spent("session") == AIUsage(2, 200)
    assert await b.spent("another") == AIUsage()


async def test_without_redis_the_limits_hold_in_this_process(prefix: str) -> None:
    client = redis_client(UNREACHABLE)
    try:
        limiter, ledger = RedisRateLimiter(client, prefix), RedisAIUsageLedger(client, prefix)
        allowed = [(await limiter.hit("k", Limit(2, 60))).allowed for _ in range(3)]
        await ledger.add("session", AIUsage(1, 50))
        spent = await ledger.spent("session")
    finally:
        await client.aclose()
    assert allowed == [True, True, False]
    assert spent == AIUsage(1, 50)


async def test_the_container_counts_in_redis_when_it_is_set(redis_url: str,
                                                           prefix: str) -> None:
    container = create_container(settings_with(redis_url=redis_url, redis_prefix=prefix))
    try:
        assert isinstance(container.rate_limiter(), RedisRateLimiter)
        assert isinstance(container.ai_usage(), RedisAIUsageLedger)
        assert (await container.throttle().session_start("203.0.113.7")) is None
        keys = [key async for key in container.counters_redis().scan_iter(f"{prefix}:*")]
        assert len(keys) == 1
    finally:
        await container.counters_redis().aclose()


def test_without_redis_the_container_counts_in_process() -> None:
    container = create_container(settings_with())
    assert isinstance(container.rate_limiter(), InMemoryRateLimiter)
    assert isinstance(container.services().ai_usage, InMemoryAIUsageLedger)


async def test_a_desk_ticket_is_used_once_across_instances(clients: tuple[Redis, Redis],
                                                           prefix: str) -> None:
    """Two instances behind one load balancer: a ticket replayed at the other instance, even
    at the same moment, opens nothing."""
    from application.rate_limits import Throttle

    a, b = (Throttle(RedisRateLimiter(client, prefix)) for client in clients)
    uses = await asyncio.gather(*(throttle.first_use("ticket-1", 60)
                                  for throttle in (a, b, a, b)))
    assert sorted(uses) == [False, False, False, True]
    assert await b.first_use("ticket-2", 60)
