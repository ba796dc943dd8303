"""Agent presence shared by every instance through Redis (ADR 0046).

Each open desk socket is a member of one sorted set, scored with the moment it stops
counting; the instance that holds the socket pushes that moment forward on a heartbeat,
and removes it when the socket closes. An instance that dies without closing (SIGKILL, a
lost host) stops pushing: its agents go offline one time to live later. What each agent
chose (online or away) is a hash field, kept until they choose again.

When Redis fails, the answers come from this instance's own sockets, as without Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from adapters.memory.presence import InMemoryAgentPresence
from domain.presence import ONLINE, chosen, status_of

log = structlog.get_logger("pasokh.presence")

DEFAULT_TTL_SECONDS = 30.0


class RedisAgentPresence:
    def __init__(self, client: Redis, prefix: str, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 now: Callable[[], float] = time.time) -> None:
        self._redis = client
        self._sockets_key = f"{prefix}:presence:sockets"
        self._chosen_key = f"{prefix}:presence:chosen"
        self._ttl_ms = int(ttl_seconds * 1000)
        self._now = now
        self._here: dict[str, str] = {}  # this instance's sockets: socket id -> agent
        self._local = InMemoryAgentPresence()  # the answer while Redis is away
        self._beating: asyncio.Task[None] | None = None

    # -- the board ----------------------------------------------------------------------------

    async def arrive(self, socket_id: str, username: str) -> None:
        self._here[socket_id] = username
        await self._local.arrive(socket_id, username)
        with self._tolerated():
            await self._redis.zadd(self._sockets_key, {_member(socket_id, username): self._until()})

    async def leave(self, socket_id: str) -> None:
        username = self._here.pop(socket_id, None)
        await self._local.leave(socket_id)
        if username is not None:
            with self._tolerated():
                await self._redis.zrem(self._sockets_key, _member(socket_id, username))

    async def choose(self, username: str, status: str) -> None:
        await self._local.choose(username, chosen(status))
        with self._tolerated():
            await self._redis.hset(self._chosen_key, username, status)

    async def beat(self) -> None:
        """Keep this instance's sockets counted for another time to live; forget the ones
        whose instance stopped beating."""
        with self._tolerated():
            pipe = self._redis.pipeline(transaction=False)
            if self._here:
                until = self._until()
                pipe.zadd(self._sockets_key, {_member(socket_id, agent): until
                                              for socket_id, agent in self._here.items()})
            pipe.zremrangebyscore(self._sockets_key, "-inf", self._now_ms())
            await pipe.execute()

    # -- the questions ------------------------------------------------------------------------

    async def status_of(self, username: str) -> str:
        try:
            connected = await self._connected()
            choice = await self._redis.hget(self._chosen_key, username)
        except (RedisError, OSError):
            return await self._local.status_of(username)
        return status_of(_text(choice), username in connected)

    async def online_agents(self) -> set[str]:
        try:
            connected = sorted(await self._connected())
            choices = await self._redis.hmget(self._chosen_key, connected) if connected else []
        except (RedisError, OSError):
            return await self._local.online_agents()
        return {agent for agent, choice in zip(connected, choices, strict=True)
                if (_text(choice) or ONLINE) == ONLINE}

    async def anyone_online(self) -> bool:
        return bool(await self.online_agents())

    async def _connected(self) -> set[str]:
        members = await self._redis.zrangebyscore(self._sockets_key, f"({self._now_ms()}",
                                                  "+inf")
        return {str(_text(member)).partition(":")[2] for member in members}

    # -- the heartbeat ------------------------------------------------------------------------

    async def start(self) -> None:
        self._beating = asyncio.get_running_loop().create_task(self._beat_forever(),
                                                               name="pasokh-presence")

    async def stop(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._beating
        for socket_id in list(self._here):  # a clean stop takes its agents offline at once
            await self.leave(socket_id)

    async def _beat_forever(self) -> None:
        while True:
            await asyncio.sleep(self._ttl_ms / 3000)
            await self.beat()

    def _now_ms(self) -> int:
        return int(self._now() * 1000)

    def _until(self) -> int:
        return self._now_ms() + self._ttl_ms

    @contextlib.contextmanager
    def _tolerated(self) -> Iterator[None]:
        try:
            yield
        except (RedisError, OSError) as error:
            log.warning("redis unreachable: presence of this instance only",
                        error=type(error).__name__)


def _text(value: object) -> str | None:
    return value.decode() if isinstance(value, bytes) else None if value is None else str(value)


def _member(socket_id: str, username: str) -> str:
    return f"{socket_id}:{username}"  # socket ids are hex: the first colon splits
