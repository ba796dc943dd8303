"""Redis pub/sub as the doorbell between server instances.

Each instance keeps one Redis subscription connection and fans messages out to its local
subscribers through an InProcessPubSub. Publishing delivers locally at once and to Redis
for the other instances, so an instance keeps serving its own sockets while Redis is down.
Redis is never the record: a reader that missed a message catches up from the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from adapters.memory.pubsub import ALL_STREAMS, InProcessPubSub, InProcessSubscription
from adapters.sql.serialization import from_row, to_row
from application.ports import RecordedEvent

log = logging.getLogger(__name__)

PREFIX = "pasokh:stream:"
RECONNECT_DELAY = 0.5


def encode(recorded: RecordedEvent, origin: str) -> str:
    type_name, version, data = to_row(recorded.event)
    return json.dumps({
        "origin": origin, "position": recorded.position, "stream_id": recorded.stream_id,
        "version": recorded.version, "type": type_name, "schema_version": version,
        "data": data, "recorded_at": recorded.recorded_at.isoformat(),
        "metadata": recorded.metadata,
    }, ensure_ascii=False)


def decode(payload: str | bytes) -> tuple[str, RecordedEvent]:
    doc: dict[str, Any] = json.loads(payload)
    event = from_row(doc["type"], doc["schema_version"], doc["data"])
    recorded = RecordedEvent(doc["position"], doc["stream_id"], doc["version"], event,
                             datetime.fromisoformat(doc["recorded_at"]), doc.get("metadata", {}))
    return doc["origin"], recorded


class RedisPubSub:
    """Publisher and Subscriber shared by every instance that points at one Redis."""

    def __init__(self, url: str) -> None:
        self._redis = aioredis.Redis.from_url(url, socket_connect_timeout=2,
                                              health_check_interval=10)
        self._local = InProcessPubSub()
        self._origin = secrets.token_hex(8)
        self._subscribed: set[str] = set()
        self._all = False
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.connected = False

    async def start(self) -> None:
        self._reader = asyncio.get_running_loop().create_task(self._read_forever())

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        with contextlib.suppress(RedisError):
            await self._pubsub.aclose()
        await self._redis.aclose()

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        await self._local.publish(recorded)
        try:
            for item in recorded:
                await self._redis.publish(PREFIX + item.stream_id, encode(item, self._origin))
        except (RedisError, OSError) as error:
            log.warning("redis publish failed; other instances catch up from the store: %s",
                        error)

    async def subscribe(self, stream_id: str) -> InProcessSubscription:
        subscription = await self._local.subscribe(stream_id)
        self._changed.set()
        return subscription

    async def _sync_channels(self) -> None:
        """Make the Redis subscription match the streams local readers are waiting on."""
        streams = self._local.streams
        wants_all = ALL_STREAMS in streams
        # the pattern already covers every stream: Redis would deliver a message twice
        wanted = set() if wants_all else {PREFIX + s for s in streams}
        if add := wanted - self._subscribed:
            await self._pubsub.subscribe(*add)
        if drop := self._subscribed - wanted:
            await self._pubsub.unsubscribe(*drop)
        self._subscribed = wanted
        if wants_all and not self._all:
            await self._pubsub.psubscribe(PREFIX + "*")
        elif self._all and not wants_all:
            await self._pubsub.punsubscribe(PREFIX + "*")
        self._all = wants_all

    async def _read_forever(self) -> None:
        while True:
            try:
                self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
                self._subscribed, self._all = set(), False
                await self._pubsub.subscribe(PREFIX + "__keepalive__")
                self.connected = True
                self._changed.set()
                while True:
                    if self._changed.is_set():
                        self._changed.clear()
                        await self._sync_channels()
                    message = await self._pubsub.get_message(timeout=0.2)
                    if message is not None:
                        await self._deliver(message["data"])
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as error:
                self.connected = False
                log.warning("redis subscription lost, reconnecting: %s", error)
                with contextlib.suppress(RedisError, OSError):
                    await self._pubsub.aclose()
                await asyncio.sleep(RECONNECT_DELAY)

    async def _deliver(self, payload: str | bytes) -> None:
        try:
            origin, recorded = decode(payload)
        except (ValueError, KeyError, LookupError) as error:
            log.warning("ignored an undecodable pub/sub message: %s", error)
            return
        if origin != self._origin:
            await self._local.publish([recorded])
