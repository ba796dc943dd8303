"""The rules: visitor messages per session, new sessions per address, logins per address
and per account, each recovering by itself."""

from __future__ import annotations

import pytest

from adapters.rate_limit import InMemoryRateLimiter
from application.rate_limits import HOUR, Limit, RateLimited, RateLimits, Throttle
from tests.unit.security.test_sliding_window import Ticks

LIMITS = RateLimits(visitor_messages=Limit.per_minute(3), session_starts=Limit.per_minute(2),
                    logins_per_address=Limit.per_minute(5), logins_per_account=Limit(4, HOUR))


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def throttle(ticks: Ticks) -> Throttle:
    return Throttle(InMemoryRateLimiter(ticks), LIMITS)


async def test_visitor_messages_are_limited_per_session(throttle: Throttle, ticks: Ticks) -> None:
    for _ in range(3):
        await throttle.visitor_message("session-a")
    with pytest.raises(RateLimited) as refused:
        await throttle.visitor_message("session-a")
    assert 0 < refused.value.retry_after <= 60
    await throttle.visitor_message("session-b")  # another conversation is not affected
    ticks.now += 60
    await throttle.visitor_message("session-a")


async def test_new_sessions_are_limited_per_address(throttle: Throttle) -> None:
    await throttle.session_start("203.0.113.7")
    await throttle.session_start("203.0.113.7")
    with pytest.raises(RateLimited):
        await throttle.session_start("203.0.113.7")
    await throttle.session_start("198.51.100.1")


async def test_logins_are_limited_per_address(throttle: Throttle) -> None:
    for name in ("a", "b", "c", "d", "e"):
        await throttle.login_attempt(name, "203.0.113.7")
    with pytest.raises(RateLimited):
        await throttle.login_attempt("f", "203.0.113.7")


async def test_an_account_takes_a_bounded_number_of_guesses_from_anywhere(
        throttle: Throttle, ticks: Ticks) -> None:
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        await throttle.login_attempt("sara", address)
    with pytest.raises(RateLimited) as refused:
        await throttle.login_attempt("sara", "10.0.0.5")
    assert refused.value.retry_after == pytest.approx(HOUR)
    await throttle.login_attempt("omid", "10.0.0.5")  # other accounts are not locked
    ticks.now += HOUR
    await throttle.login_attempt("sara", "10.0.0.5")  # recovers by itself


async def test_spellings_of_one_username_share_its_counter(throttle: Throttle) -> None:
    for spelling in ("sara", "Sara", " SARA ", "sarA"):
        await throttle.login_attempt(spelling, f"10.0.0.{len(spelling)}{spelling[-1]}")
    with pytest.raises(RateLimited):
        await throttle.login_attempt("SaRa", "10.0.0.9")


async def test_the_address_is_checked_before_the_account_is_charged(throttle: Throttle) -> None:
    for name in ("a", "b", "c", "d", "e"):
        await throttle.login_attempt(name, "203.0.113.7")
    for _ in range(3):
        with pytest.raises(RateLimited):
            await throttle.login_attempt("sara", "203.0.113.7")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        await throttle.login_attempt("sara", address)  # the refused ones cost sara nothing


async def test_a_known_device_has_its_own_count_beside_the_account(ticks: Ticks) -> None:
    limits = RateLimits(logins_per_address=Limit.per_minute(100),
                        logins_per_account=Limit(2, HOUR), logins_per_device=Limit(3, HOUR))
    throttle = Throttle(InMemoryRateLimiter(ticks), limits)
    for n in range(2):
        await throttle.login_attempt("sara", f"198.51.100.{n}")
    with pytest.raises(RateLimited):  # the account is under attack: unknown browsers wait
        await throttle.login_attempt("sara", "203.0.113.7")
    for _ in range(3):  # the owner's browser is not locked out ...
        await throttle.login_attempt("sara", "203.0.113.7", device="device-1")
    with pytest.raises(RateLimited):  # ... but guessing with a stolen device is bounded too
        await throttle.login_attempt("sara", "203.0.113.7", device="device-1")
    await throttle.login_attempt("sara", "203.0.113.7", device="device-2")
