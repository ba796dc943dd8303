"""One visitor socket: frames in become commands, committed events out become frames.

Pub/sub only rings the doorbell; the read model is the record. Messages go out in `seq`
order, each once: an old one is dropped, a gap is filled from the read model.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Protocol

import structlog

from application.commands import PostVisitorMessage
from application.messagebus import MessageBus
from application.ports import ReadModels, RecordedEvent, Subscription
from application.projections import message_view
from application.views import MessageView
from domain.message import Message
from domain.session_events import AgentJoined, SessionClosed, SessionEscalated
from entrypoints.errors import INTERNAL, ApiError, api_error_for
from entrypoints.ws.frames import (
    MessageFrame,
    error_frame,
    message_frame,
    parse_frame,
    status_frame,
)

log = structlog.get_logger("pasokh.ws")


class FrameSocket(Protocol):
    """What a conversation needs of Starlette's WebSocket."""

    async def send_json(self, data: Any, mode: str = "text") -> None: ...

    async def receive(self) -> Mapping[str, Any]: ...


class VisitorConversation:
    def __init__(self, websocket: FrameSocket, session_key: str, read_models: ReadModels,
                 last_seq: int, agent: str | None) -> None:
        self._websocket = websocket
        self._session_key = session_key
        self._read_models = read_models
        self._sending = asyncio.Lock()
        self.last_seq = last_seq
        self.agent = agent

    async def send(self, frame: dict[str, object]) -> None:
        async with self._sending:
            await self._websocket.send_json(frame)

    # -- server to client -------------------------------------------------------------------

    async def pump(self, subscription: Subscription) -> None:
        async for recorded in subscription:
            await self.deliver(recorded)

    async def deliver(self, recorded: RecordedEvent) -> None:
        message = message_view(recorded.event)
        if message is not None:
            await self.send_in_order(message)
            return
        match recorded.event:
            case SessionEscalated():
                await self.send(status_frame("queued", self.agent))
            case AgentJoined(agent=agent):
                self.agent = agent
                await self.send(status_frame("with_agent", agent))
            case SessionClosed():
                await self.send(status_frame("closed", self.agent))

    async def send_in_order(self, message: MessageView) -> None:
        async with self._sending:
            if message.seq > self.last_seq + 1:
                await self._catch_up()
            if message.seq == self.last_seq + 1:
                await self._send_message(message)

    async def _catch_up(self) -> None:
        view = await self._read_models.session(self._session_key, self.last_seq)
        for stored in view.messages if view else ():
            if stored.seq != self.last_seq + 1:
                break
            await self._send_message(stored)

    async def _send_message(self, message: MessageView | Message) -> None:
        await self._websocket.send_json(message_frame(message))
        self.last_seq = max(self.last_seq, message.seq)

    # -- client to server -------------------------------------------------------------------

    async def read(self, bus: MessageBus) -> None:
        """Handle frames until the client goes away; a bad frame gets an error, never a close."""
        while True:
            received = await self._websocket.receive()
            if received["type"] == "websocket.disconnect":
                return
            try:
                await self._handle(received.get("text"), bus)
            except Exception as error:  # reported to the client; bugs are logged in full
                await self.send(error_frame(self._reported(error)))

    async def _handle(self, raw: str | None, bus: MessageBus) -> None:
        if raw is None:
            raise ApiError(422, "invalid", "frames must be JSON text")
        frame = parse_frame(raw)
        if isinstance(frame, MessageFrame):
            await self._post(frame, bus)

    async def _post(self, frame: MessageFrame, bus: MessageBus) -> None:
        delivered_before = self.last_seq
        message: Message = await bus.handle(
            PostVisitorMessage(self._session_key, frame.text, frame.client_id))
        if message.seq <= delivered_before:
            # A resend of a stored client_id: its echo went out earlier, acknowledge again.
            async with self._sending:
                await self._websocket.send_json(message_frame(message))

    @staticmethod
    def _reported(error: Exception) -> ApiError:
        known = api_error_for(error)
        if known is None:
            log.error("visitor frame failed", exc_info=error)
            return INTERNAL
        return known
