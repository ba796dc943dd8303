"""In-process publish/subscribe: live fan-out within one server instance."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

from application.ports import RecordedEvent

ALL_STREAMS = "*"


class InProcessSubscription:
    def __init__(self, hub: InProcessPubSub, stream_id: str) -> None:
        self._hub = hub
        self.stream_id = stream_id
        self.queue: asyncio.Queue[RecordedEvent | None] = asyncio.Queue()

    def __aiter__(self) -> AsyncIterator[RecordedEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[RecordedEvent]:
        while (recorded := await self.queue.get()) is not None:
            yield recorded

    async def close(self) -> None:
        self._hub.discard(self)
        self.queue.put_nowait(None)


class InProcessPubSub:
    """Publisher and Subscriber at once. Subscribe to a stream id, or to "*" for every stream."""

    def __init__(self) -> None:
        self._subscriptions: dict[str, set[InProcessSubscription]] = {}

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        for item in recorded:
            for key in (item.stream_id, ALL_STREAMS):
                for subscription in self._subscriptions.get(key, ()):
                    subscription.queue.put_nowait(item)

    async def subscribe(self, stream_id: str) -> InProcessSubscription:
        subscription = InProcessSubscription(self, stream_id)
        self._subscriptions.setdefault(stream_id, set()).add(subscription)
        return subscription

    @property
    def streams(self) -> set[str]:
        """The stream ids that have at least one live subscriber."""
        return set(self._subscriptions)

    def discard(self, subscription: InProcessSubscription) -> None:
        subscribers = self._subscriptions.get(subscription.stream_id, set())
        subscribers.discard(subscription)
        if not subscribers:
            self._subscriptions.pop(subscription.stream_id, None)
