"""The in-process sliding window: exact counts, refusals not counted, bounded memory."""

from __future__ import annotations

import pytest

from adapters.rate_limit import InMemoryRateLimiter
from application.rate_limits import Limit


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


async def test_the_limit_allows_its_count_and_refuses_the_next(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks)
    three_a_minute = Limit(3, 60)
    outcomes = []
    for _ in range(4):
        outcomes.append((await limiter.hit("k", three_a_minute)).allowed)
        ticks.now += 1
    assert outcomes == [True, True, True, False]


async def test_retry_after_is_when_the_oldest_hit_leaves_the_window(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks)
    limit = Limit(2, 60)
    await limiter.hit("k", limit)
    ticks.now += 10
    await limiter.hit("k", limit)
    ticks.now += 5
    refused = await limiter.hit("k", limit)
    assert not refused.allowed
    assert refused.retry_after == pytest.approx(45)
    ticks.now += 45
    assert (await limiter.hit("k", limit)).allowed


async def test_the_window_slides_instead_of_resetting(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks)
    limit = Limit(2, 60)
    await limiter.hit("k", limit)           # t=0
    ticks.now += 50
    await limiter.hit("k", limit)           # t=50
    ticks.now += 15                          # t=65: the first left, the second is still in
    assert (await limiter.hit("k", limit)).allowed
    assert not (await limiter.hit("k", limit)).allowed


async def test_refused_hits_are_not_counted(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks)
    limit = Limit(1, 60)
    await limiter.hit("k", limit)
    for _ in range(50):
        ticks.now += 1
        assert not (await limiter.hit("k", limit)).allowed
    ticks.now += 10  # 60 s after the one counted hit
    assert (await limiter.hit("k", limit)).allowed


async def test_keys_are_counted_apart(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks)
    limit = Limit(1, 60)
    assert (await limiter.hit("a", limit)).allowed
    assert (await limiter.hit("b", limit)).allowed
    assert not (await limiter.hit("a", limit)).allowed


async def test_memory_is_bounded_by_forgetting_the_least_recent_live_keys(
        ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks, max_keys=3)
    limit = Limit(1, 60)
    for key in ("x:a", "x:b", "x:c", "x:d"):
        await limiter.hit(key, limit)
    assert len(limiter) <= 3
    assert (await limiter.hit("x:a", limit)).allowed  # forgotten, so allowed again
    assert not (await limiter.hit("x:d", limit)).allowed


async def test_expired_counters_go_first_and_a_live_one_stays(ticks: Ticks) -> None:
    """Filling the store must not erase an account's login counter (issue 19, item 7)."""
    limiter = InMemoryRateLimiter(ticks, max_keys=100)
    hour = Limit(3, 3600)
    for _ in range(3):
        await limiter.hit("logins:account:sara", hour)
    assert not (await limiter.hit("logins:account:sara", hour)).allowed
    for n in range(150):  # logins of others, a minute each, long over by now
        await limiter.hit(f"logins:account:other{n}", Limit(1, 60))
        ticks.now += 1
    assert not (await limiter.hit("logins:account:sara", hour)).allowed  # still counted


async def test_a_flood_of_visitor_keys_cannot_erase_login_counters(ticks: Ticks) -> None:
    limiter = InMemoryRateLimiter(ticks, max_keys=50)
    hour = Limit(2, 3600)
    for _ in range(2):
        await limiter.hit("logins:account:sara", hour)
    for n in range(1000):  # live visitor counters, far more than the store holds
        await limiter.hit(f"sessions:address{n}", Limit(20, 60))
    assert not (await limiter.hit("logins:account:sara", hour)).allowed
    assert len(limiter) <= 51


def test_a_limit_must_allow_something() -> None:
    with pytest.raises(ValueError):
        Limit(0, 60)
    with pytest.raises(ValueError):
        Limit(1, 0)
