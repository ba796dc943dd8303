"""One contract for every presence (ADR 0046): in this process, and shared through the real
Redis, where two presences on one prefix are two instances of the service."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from adapters.memory.presence import InMemoryAgentPresence
from adapters.redis_presence import RedisAgentPresence
from application.ports import Presence
from domain.presence import UnknownAvailability


@dataclass
class Clock:
    """Seconds since the epoch, moved by the test."""

    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def presence(request: pytest.FixtureRequest) -> AsyncIterator[Presence]:
    if request.param == "memory":
        yield InMemoryAgentPresence()
        return
    from redis.asyncio import Redis

    client = Redis.from_url(request.getfixturevalue("redis_url"))
    yield RedisAgentPresence(client, f"pasokh-test-{secrets.token_hex(4)}")
    await client.aclose()


async def test_nobody_is_online_before_a_desk_opens(presence: Presence) -> None:
    assert await presence.status_of("sara") == "offline"
    assert (await presence.online_agents(), await presence.anyone_online()) == (set(), False)


async def test_an_open_desk_is_online_until_the_agent_chooses_away(presence: Presence) -> None:
    await presence.arrive("a1", "sara")
    assert await presence.status_of("sara") == "online"
    assert await presence.online_agents() == {"sara"}
    await presence.choose("sara", "away")
    assert await presence.status_of("sara") == "away"
    assert (await presence.online_agents(), await presence.anyone_online()) == (set(), False)
    await presence.choose("sara", "online")
    assert await presence.online_agents() == {"sara"}


async def test_an_agent_is_offline_once_their_last_desk_closes(presence: Presence) -> None:
    await presence.arrive("a1", "sara")
    await presence.arrive("a2", "sara")
    await presence.arrive("b1", "omid")
    await presence.leave("a1")
    assert await presence.online_agents() == {"sara", "omid"}
    await presence.leave("a2")
    assert await presence.status_of("sara") == "offline"
    assert await presence.online_agents() == {"omid"}


async def test_away_is_kept_for_the_next_desk_but_offline_while_none_is_open(
        presence: Presence) -> None:
    await presence.choose("sara", "away")
    assert await presence.status_of("sara") == "offline"
    await presence.arrive("a1", "sara")
    assert await presence.status_of("sara") == "away"


async def test_offline_is_not_a_choice(presence: Presence) -> None:
    with pytest.raises(UnknownAvailability):
        await presence.choose("sara", "offline")


@pytest.fixture
async def two_instances(redis_url: str) -> AsyncIterator[tuple[RedisAgentPresence,
                                                              RedisAgentPresence, Clock]]:
    from redis.asyncio import Redis

    client, clock = Redis.from_url(redis_url), Clock()
    prefix = f"pasokh-test-{secrets.token_hex(4)}"
    yield (RedisAgentPresence(client, prefix, 30, clock),
           RedisAgentPresence(client, prefix, 30, clock), clock)
    await client.aclose()


@pytest.mark.redis
async def test_an_agent_on_one_instance_is_online_for_the_other(
        two_instances: tuple[RedisAgentPresence, RedisAgentPresence, Clock]) -> None:
    a, b, _ = two_instances
    await a.arrive("a1", "sara")
    assert (await b.status_of("sara"), await b.anyone_online()) == ("online", True)
    await a.choose("sara", "away")
    assert await b.status_of("sara") == "away"
    await a.leave("a1")
    assert await b.status_of("sara") == "offline"


@pytest.mark.redis
async def test_the_agents_of_an_instance_that_stopped_beating_go_offline_after_the_ttl(
        two_instances: tuple[RedisAgentPresence, RedisAgentPresence, Clock]) -> None:
    killed, alive, clock = two_instances
    await killed.arrive("a1", "sara")
    await alive.arrive("b1", "omid")
    clock.now += 20
    await alive.beat()  # the killed instance beats no more
    assert await alive.online_agents() == {"sara", "omid"}
    clock.now += 20  # 40 s after sara's last beat, 20 s after omid's
    assert await alive.online_agents() == {"omid"}
    assert await alive.status_of("sara") == "offline"


@pytest.mark.redis
async def test_a_clean_stop_takes_the_instances_agents_offline_at_once(
        two_instances: tuple[RedisAgentPresence, RedisAgentPresence, Clock]) -> None:
    stopping, other, _ = two_instances
    await stopping.arrive("a1", "sara")
    await stopping.stop()
    assert await other.status_of("sara") == "offline"


async def test_without_redis_an_instance_answers_from_its_own_desks() -> None:
    from redis.asyncio import Redis

    unreachable = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    presence = RedisAgentPresence(unreachable, "pasokh-test")
    await presence.arrive("a1", "sara")
    await presence.choose("sara", "away")
    assert await presence.status_of("sara") == "away"
    await presence.choose("sara", "online")
    assert await presence.online_agents() == {"sara"}
    await presence.leave("a1")
    assert await presence.anyone_online() is False
    await unreachable.aclose()
