"""In-process publish/subscribe: live fan-out within one server instance."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Generic, TypeVar

from application.ports import ALL_STREAMS, Notification, RecordedEvent, Signal

__all__ = ["ALL_STREAMS", "InProcessPubSub", "InProcessSubscription", "Inbox"]

T = TypeVar("T")


class Inbox(Generic[T]):
    """An unbounded FIFO for one reader: what asyncio.Queue does here, in far less memory.

    Every open socket holds one while idle; asyncio.Queue keeps four deques, this keeps none
    until an item waits (ADR 0021 has the figures)."""

    __slots__ = ("_items", "_waiter", "wake")

    def __init__(self) -> None:
        self._items: deque[T] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self.wake: Callable[[], None] | None = None  # called on each put, when set

    def put_nowait(self, item: T) -> None:
        if self._items is None:
            self._items = deque()
        self._items.append(item)
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)
        if self.wake is not None:
            self.wake()

    async def get(self) -> T:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self.get_nowait()

    def get_nowait(self) -> T:
        """The oldest item; IndexError when none waits."""
        if not self._items:
            raise IndexError("the inbox is empty")
        item = self._items.popleft()
        if not self._items:
            self._items = None
        return item

    def qsize(self) -> int:
        return len(self._items) if self._items else 0

    def empty(self) -> bool:
        return not self._items


class InProcessSubscription:
    """One reader's inbox for one or more streams, in publication order."""

    __slots__ = ("_hub", "stream_ids", "queue")

    def __init__(self, hub: InProcessPubSub, stream_ids: tuple[str, ...]) -> None:
        self._hub = hub
        self.stream_ids = stream_ids
        self.queue: Inbox[Notification | None] = Inbox()

    @property
    def stream_id(self) -> str:
        return self.stream_ids[0]

    def __aiter__(self) -> AsyncIterator[Notification]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Notification]:
        while (item := await self.queue.get()) is not None:
            yield item

    def wake_on(self, wake: Callable[[], None] | None) -> None:
        self.queue.wake = wake
        if wake is not None and not self.queue.empty():
            wake()  # what arrived before

    def take(self) -> Notification | None:
        return self.queue.get_nowait()

    async def close(self) -> None:
        self._hub.discard(self)
        self.queue.put_nowait(None)


class InProcessPubSub:
    """Publisher, Signaller and Subscriber at once. Subscribe to stream ids, or "*" for all."""

    def __init__(self) -> None:
        self._subscriptions: dict[str, set[InProcessSubscription]] = {}

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        for item in recorded:
            self._fan_out(item.stream_id, item)

    async def signal(self, signal: Signal) -> None:
        self._fan_out(signal.stream_id, signal)

    async def broadcast(self, signal: Signal) -> None:
        """Hand the signal to every reader, whatever its streams (e.g. "catch up now")."""
        for subscription in {s for readers in self._subscriptions.values() for s in readers}:
            subscription.queue.put_nowait(signal)

    def _fan_out(self, stream_id: str, item: Notification) -> None:
        # A set: a reader of both this stream and "*" still gets the item once.
        readers = {*self._subscriptions.get(stream_id, ()),
                   *self._subscriptions.get(ALL_STREAMS, ())}
        for subscription in readers:
            subscription.queue.put_nowait(item)

    async def subscribe(self, stream_id: str, *more_streams: str) -> InProcessSubscription:
        subscription = InProcessSubscription(self, (stream_id, *more_streams))
        for stream in subscription.stream_ids:
            self._subscriptions.setdefault(stream, set()).add(subscription)
        return subscription

    @property
    def streams(self) -> set[str]:
        """The stream ids that have at least one live subscriber."""
        return set(self._subscriptions)

    def discard(self, subscription: InProcessSubscription) -> None:
        for stream in subscription.stream_ids:
            subscribers = self._subscriptions.get(stream, set())
            subscribers.discard(subscription)
            if not subscribers:
                self._subscriptions.pop(stream, None)
