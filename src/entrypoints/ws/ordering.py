"""One conversation's messages to one client: in `seq` order, each exactly once.

Pub/sub only rings the doorbell; the read model is the record. An old message is dropped,
and a gap (a doorbell missed, or rung out of order) is filled from the read model.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from application.ports import ReadModels
from application.views import MessageView
from domain.message import Message

Delivered = MessageView | Message
Send = Callable[[Delivered], Awaitable[None]]


class InOrder:
    """Not safe for concurrent use: callers hold their socket's send lock."""

    __slots__ = ("_read_models", "_session_key", "_send", "last_seq")

    def __init__(self, read_models: ReadModels, session_key: str, last_seq: int,
                 send: Send) -> None:
        self._read_models = read_models
        self._session_key = session_key
        self._send = send
        self.last_seq = last_seq

    async def offer(self, message: Delivered) -> None:
        if message.seq > self.last_seq + 1:
            await self.catch_up()
        if message.seq == self.last_seq + 1:
            await self._deliver(message)

    async def catch_up(self) -> None:
        view = await self._read_models.session(self._session_key, self.last_seq)
        for stored in view.messages if view else ():
            if stored.seq != self.last_seq + 1:
                break
            await self._deliver(stored)

    def skip_to(self, seq: int) -> None:
        """The client got everything up to seq another way (a history in one frame)."""
        self.last_seq = max(self.last_seq, seq)

    async def _deliver(self, message: Delivered) -> None:
        await self._send(message)
        self.last_seq = message.seq
