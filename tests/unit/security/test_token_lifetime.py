"""An agent's socket is bounded by its token's lifetime."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from entrypoints.security.token_expiry import TOKEN_EXPIRED, TokenLifetime


class Socket:
    def __init__(self) -> None:
        self.closed: list[tuple[int, str | None]] = []

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed.append((code, reason))


def in_(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


async def test_work_outliving_the_token_is_stopped_and_the_socket_closed_with_4401() -> None:
    lifetime, socket = TokenLifetime(in_(0.05)), Socket()
    await asyncio.wait_for(lifetime.bound(asyncio.sleep(30)), 5)
    await lifetime.close_if_expired(socket)
    assert lifetime.expired
    assert [code for code, _ in socket.closed] == [TOKEN_EXPIRED]


async def test_work_that_ends_first_leaves_the_socket_alone() -> None:
    lifetime, socket = TokenLifetime(in_(30)), Socket()
    await lifetime.bound(asyncio.sleep(0))
    await lifetime.close_if_expired(socket)
    assert not lifetime.expired and socket.closed == []


async def test_an_already_expired_token_stops_at_once() -> None:
    lifetime = TokenLifetime(in_(-5))
    await asyncio.wait_for(lifetime.bound(asyncio.sleep(30)), 1)
    assert lifetime.expired and lifetime.seconds_left() == 0


async def test_the_works_own_timeout_is_not_taken_for_expiry() -> None:
    async def times_out() -> None:
        raise TimeoutError("the work's own")

    lifetime = TokenLifetime(in_(30))
    with pytest.raises(TimeoutError, match="own"):
        await lifetime.bound(times_out())
    assert not lifetime.expired
