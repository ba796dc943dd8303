"""Redis pub/sub as the doorbell between server instances.

Each instance keeps one Redis subscription connection and fans messages out to its local
subscribers through an InProcessPubSub. Publishing delivers locally at once and to Redis
for the other instances, so an instance keeps serving its own sockets while Redis is down.
Redis is never the record: a reader that missed a message catches up from the store, and
when the connection comes back every local reader is told to (a "resync" signal).
Signals (typing) share their stream's channel, so they keep their order with its events.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Sequence

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from adapters.memory.pubsub import ALL_STREAMS, InProcessPubSub, InProcessSubscription
from adapters.redis_messages import decode, encode, encode_signal, own_prefix
from application.ports import RESYNC, RecordedEvent, Signal

__all__ = ["RedisPubSub", "decode", "encode"]

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "pasokh"
RECONNECT_DELAY = 0.5
SUBSCRIBE_WAIT = 2.0
MAX_UNSENT = 10_000  # messages waiting for Redis; past it the oldest go (readers resync)
FLUSH_ON_STOP = 2.0


class RedisPubSub:
    """Publisher, Signaller and Subscriber shared by every instance that points at one Redis.

    `prefix` keeps apart deployments (or test runs) sharing a Redis: pub/sub channels
    ignore the database number."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX) -> None:
        self._origin = secrets.token_hex(8)
        self.client_name = f"pasokh-{self._origin}"  # as CLIENT LIST shows this instance
        self._redis = aioredis.Redis.from_url(url, socket_connect_timeout=2,
                                              health_check_interval=10,
                                              client_name=self.client_name)
        self._channel = f"{prefix}:stream:"
        self._local = InProcessPubSub()
        self._subscribed: set[str] = set()
        self._all = False
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._requested = self._synced = 0
        self._sync_done = asyncio.Condition()
        self.connected = False
        self._own = own_prefix(self._origin)  # how our own messages begin
        self._unsent: list[tuple[str, bytes]] = []
        self._unsent_waiting: asyncio.Event | None = None
        self._sender: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._reader = asyncio.get_running_loop().create_task(self._read_forever())

    async def stop(self) -> None:
        if self._sender is not None:
            if self._unsent:  # what was committed before the stop still reaches the others
                with contextlib.suppress(TimeoutError, RedisError, OSError):
                    async with asyncio.timeout(FLUSH_ON_STOP):
                        await self._send_batch()
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        with contextlib.suppress(RedisError):
            await self._pubsub.aclose()
        await self._redis.aclose()

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        await self._local.publish(recorded)
        await self._send([(item.stream_id, encode(item, self._origin)) for item in recorded])

    async def signal(self, signal: Signal) -> None:
        await self._local.signal(signal)
        await self._send([(signal.stream_id, encode_signal(signal, self._origin))])

    async def _send(self, messages: list[tuple[str, bytes]]) -> None:
        """Queue the messages for Redis and return: one sender task writes everything queued
        meanwhile in one pipeline, in order, so a busy instance pays one round trip for
        many messages instead of one each."""
        self._unsent.extend(messages)
        if len(self._unsent) > MAX_UNSENT:
            dropped = len(self._unsent) - MAX_UNSENT
            del self._unsent[:dropped]
            log.warning("redis is not keeping up; %d messages were not sent (other instances "
                        "catch up from the store)", dropped)
        loop = asyncio.get_running_loop()
        if self._sender is None or self._sender.done() or self._sender.get_loop() is not loop:
            self._unsent_waiting = asyncio.Event()
            self._sender = loop.create_task(self._send_forever(), name="pasokh-redis-publish")
        assert self._unsent_waiting is not None
        self._unsent_waiting.set()

    async def _send_forever(self) -> None:
        assert self._unsent_waiting is not None
        while True:
            await self._unsent_waiting.wait()
            self._unsent_waiting.clear()
            while self._unsent:
                try:
                    await self._send_batch()
                except (RedisError, OSError) as error:
                    log.warning("redis publish failed; other instances catch up from the "
                                "store: %s", error)

    async def _send_batch(self) -> None:
        batch, self._unsent = self._unsent, []
        async with self._redis.pipeline(transaction=False) as pipe:
            for channel_stream, payload in batch:
                pipe.publish(self._channel + channel_stream, payload)
            await pipe.execute()

    async def subscribe(self, stream_id: str, *more_streams: str) -> InProcessSubscription:
        """Returns once Redis listens for the streams too (or after SUBSCRIBE_WAIT), so a
        reader that subscribes and then reads the store misses nothing committed elsewhere."""
        subscription = await self._local.subscribe(stream_id, *more_streams)
        self._requested += 1
        await self._until_synced(self._requested)
        return subscription

    async def _until_synced(self, ticket: int) -> None:
        self._changed.set()
        if not self.connected:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(SUBSCRIBE_WAIT), self._sync_done:
                await self._sync_done.wait_for(
                    lambda: self._synced >= ticket or not self.connected)

    async def _synced_up_to(self, ticket: int) -> None:
        async with self._sync_done:
            self._synced = max(self._synced, ticket)
            self._sync_done.notify_all()

    async def _sync_channels(self) -> None:
        """Make the Redis subscription match the streams local readers are waiting on."""
        streams = self._local.streams
        wants_all = ALL_STREAMS in streams
        # the pattern already covers every stream: Redis would deliver a message twice
        wanted = set() if wants_all else {self._channel + s for s in streams}
        if add := wanted - self._subscribed:
            await self._pubsub.subscribe(*add)
        if drop := self._subscribed - wanted:
            await self._pubsub.unsubscribe(*drop)
        self._subscribed = wanted
        if wants_all and not self._all:
            await self._pubsub.psubscribe(self._channel + "*")
        elif self._all and not wants_all:
            await self._pubsub.punsubscribe(self._channel + "*")
        self._all = wants_all

    async def _read_forever(self) -> None:
        lost = False
        while True:
            try:
                self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
                self._subscribed, self._all = set(), False
                await self._pubsub.subscribe(self._channel + "__keepalive__")
                self.connected = True
                self._changed.set()
                if lost:
                    log.info("redis subscription restored; readers catch up from the store")
                    await self._local.broadcast(Signal(ALL_STREAMS, RESYNC, "server"))
                while True:
                    if self._changed.is_set():
                        self._changed.clear()
                        ticket = self._requested
                        await self._sync_channels()
                        await self._synced_up_to(ticket)
                    message = await self._pubsub.get_message(timeout=0.2)
                    if message is not None:
                        await self._deliver(message["data"])
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as error:
                self.connected, lost = False, True
                await self._synced_up_to(0)  # wake subscribers waiting for this connection
                log.warning("redis subscription lost, reconnecting: %s", error)
                with contextlib.suppress(RedisError, OSError):
                    await self._pubsub.aclose()
                await asyncio.sleep(RECONNECT_DELAY)

    async def _deliver(self, payload: str | bytes) -> None:
        raw = payload if isinstance(payload, bytes) else payload.encode()
        if raw.startswith(self._own):  # our own message, delivered here already
            return
        try:
            origin, item = decode(raw)
        except (ValueError, KeyError, LookupError, TypeError) as error:
            log.warning("ignored an undecodable pub/sub message: %s", error)
            return
        if origin == self._origin:
            return
        if isinstance(item, Signal):
            await self._local.signal(item)
        else:
            await self._local.publish([item])
