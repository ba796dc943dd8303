"""One visitor socket: frames in become commands, committed events out become frames.

The socket hears its session's stream and the queue's. Session events become messages
(in `seq` order, each once) and status frames; queue events make a waiting visitor re-read
their place and hear of it when it changed.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Coroutine
from typing import Any

from application import queries
from application.availability import TeamAvailability
from application.commands import (
    GiveFeedback,
    LeaveContact,
    MailTranscript,
    PostVisitorMessage,
    RateConversation,
)
from application.messagebus import MessageBus
from application.ports import (
    DRAFT,
    RESYNC,
    TYPING,
    Notification,
    ReadModels,
    Signal,
    Signaller,
)
from application.projections import message_view
from application.queries import QueuePlace
from application.rate_limits import Throttle
from application.views import SessionView
from domain.base import DomainEvent
from domain.chat_session import SessionStatus, agent_after, status_after, stream_id_for
from domain.contact import Contact
from domain.message import Message
from domain.queue import QUEUE_STREAM, SessionDequeued, SessionEnqueued
from domain.rating import Rating
from entrypoints.display_names import DisplayNames
from entrypoints.ws.frames import (
    AGENT_TYPING,
    ContactFrame,
    EmailTranscriptFrame,
    FeedbackFrame,
    MessageFrame,
    RatingFrame,
    contact_frame,
    error_frame,
    feedback_frame,
    message_delta_frame,
    message_frame,
    parse_frame,
    queue_place_frame,
    rating_frame,
    status_frame,
)
from entrypoints.ws.ordering import Delivered, InOrder
from entrypoints.ws.serving import FrameSocket, read_frames, reported
from entrypoints.ws.typing_gate import typing_due


class VisitorConversation:
    # one per open visitor socket: no per-instance dict (ADR 0021)
    __slots__ = ("_websocket", "_throttle", "_session_key", "_read_models", "_signals",
                 "_sending", "_messages", "_typed_at", "_names", "_availability", "status", "agent",
                 "place")

    def __init__(self, websocket: FrameSocket, session_key: str, read_models: ReadModels,
                 last_seq: int, agent: str | None, status: str = SessionStatus.BOT.value,
                 signals: Signaller | None = None, throttle: Throttle | None = None,
                 names: DisplayNames | None = None,
                 availability: TeamAvailability | None = None) -> None:
        self._websocket = websocket
        self._availability = availability
        self._names = names
        self._throttle = throttle
        self._session_key = session_key
        self._read_models = read_models
        self._signals = signals
        self._sending = asyncio.Lock()
        self._messages = InOrder(read_models, session_key, last_seq, self._send_message)
        self.status, self.agent = status, agent
        self.place: QueuePlace | None = None
        self._typed_at: float | None = None

    @classmethod
    def of(cls, websocket: FrameSocket, view: SessionView, read_models: ReadModels,
           signals: Signaller, throttle: Throttle | None = None,
           names: DisplayNames | None = None,
           availability: TeamAvailability | None = None) -> VisitorConversation:
        last_seq = view.messages[-1].seq if view.messages else 0
        return cls(websocket, view.session_key, read_models, last_seq, view.agent, view.status,
                   signals, throttle, names, availability)

    async def _shown(self, frame: dict[str, Any]) -> dict[str, Any]:
        """A frame with agents named as visitors see them (display names)."""
        if self._names is None:
            return frame
        if frame.get("type") == "message":
            await self._names.in_message(frame["message"])
        elif frame.get("type") == "status" and frame.get("agent"):
            frame["agent"] = await self._names.of(frame["agent"])
        elif frame.get("type") == "session":
            for message in frame["messages"]:
                await self._names.in_message(message)
        return frame

    @property
    def last_seq(self) -> int:
        return self._messages.last_seq

    async def send(self, frame: dict[str, Any]) -> None:
        shown = await self._shown(frame)
        async with self._sending:
            await self._websocket.send_json(shown)

    # -- server to client -------------------------------------------------------------------

    async def deliver(self, item: Notification) -> None:
        if isinstance(item, Signal):
            await self._on_signal(item)
        elif item.stream_id == QUEUE_STREAM:
            if self.status == SessionStatus.QUEUED or self._is_mine(item.event):
                await self.refresh_place()
        elif (message := message_view(item.event)) is not None:
            async with self._sending:
                await self._messages.offer(message)
        elif (status := status_after(item.event)) is not None:
            await self._set_status(status.value, agent_after(item.event, self.agent))

    def _is_mine(self, event: DomainEvent) -> bool:
        return isinstance(event, SessionEnqueued | SessionDequeued) and \
            event.session_key == self._session_key

    async def refresh_place(self) -> None:
        """Tell the visitor their place in the queue when it changed."""
        place = await queries.queue_place(self._read_models, self._session_key,
                                          self._availability)
        async with self._sending:
            if place != self.place:
                self.place = place
                if place is not None:
                    await self._websocket.send_json(queue_place_frame(place))

    async def _on_signal(self, signal: Signal) -> None:
        if signal.kind == TYPING and signal.sender == "agent":
            await self.send(AGENT_TYPING)
        elif signal.kind == DRAFT:
            await self.send(message_delta_frame(signal.reply_to, signal.text))
        elif signal.kind == RESYNC:
            await self._resync()

    async def _resync(self) -> None:
        view = await self._read_models.session(self._session_key, self._messages.last_seq)
        if view is None:
            return
        async with self._sending:
            await self._messages.catch_up()
        await self._set_status(view.status, view.agent)
        await self.refresh_place()

    async def _set_status(self, status: str, agent: str | None) -> None:
        async with self._sending:
            if (status, agent) != (self.status, self.agent):
                self.status, self.agent = status, agent
                await self._websocket.send_json(await self._shown(status_frame(status, agent)))

    async def _send_message(self, message: Delivered) -> None:
        await self._websocket.send_json(await self._shown(message_frame(message)))

    # -- client to server -------------------------------------------------------------------

    def read(self, bus: MessageBus) -> Coroutine[Any, Any, None]:
        """The reader loop itself, not a coroutine awaiting it: an idle socket keeps one
        frame fewer waiting (ADR 0021)."""
        return read_frames(self._websocket, functools.partial(self._handle, bus=bus),
                           self._report)

    async def _report(self, error: Exception) -> None:
        await self.send(error_frame(reported(error)))

    async def _handle(self, raw: str, bus: MessageBus) -> None:
        frame = parse_frame(raw)
        if isinstance(frame, MessageFrame):
            if self._throttle is not None:  # CHAT_RATE_LIMIT: refused before it is stored
                await self._throttle.visitor_message(self._session_key)
            await self._post(frame, bus)
        elif isinstance(frame, FeedbackFrame | RatingFrame):
            await self._judge(frame, bus)
        elif isinstance(frame, ContactFrame):
            await self._leave_contact(frame, bus)
        elif isinstance(frame, EmailTranscriptFrame):
            await self._mail_transcript(frame, bus)
        elif self._signals is not None and self.status == SessionStatus.WITH_AGENT:
            # only agents listen
            relayed_at = typing_due(self._typed_at)
            if relayed_at is not None:
                self._typed_at = relayed_at
                await self._signals.signal(
                    Signal(stream_id_for(self._session_key), TYPING, "user"))

    async def _judge(self, frame: FeedbackFrame | RatingFrame, bus: MessageBus) -> None:
        """Store the visitor's feedback or rating and acknowledge it; an error names the
        frame it answers, so the widget does not take it for a message's."""
        try:
            if self._throttle is not None:
                await self._throttle.visitor_feedback(self._session_key)
            if isinstance(frame, FeedbackFrame):
                await bus.handle(GiveFeedback(self._session_key, frame.message_id,
                                              frame.helpful))
                acknowledgement = feedback_frame(frame.message_id, frame.helpful)
            else:
                rating: Rating = await bus.handle(
                    RateConversation(self._session_key, frame.score, frame.comment))
                acknowledgement = rating_frame(rating.score, rating.comment)
        except Exception as error:  # reported like any frame's error, with its frame type
            await self.send(error_frame(reported(error)) | {"frame_type": frame.type})
            return
        await self.send(acknowledgement)

    async def _leave_contact(self, frame: ContactFrame, bus: MessageBus) -> None:
        """Store the contact and acknowledge it as stored; an error names the frame (and,
        from the domain, the field) it answers, so the widget keeps what was typed."""
        try:
            if self._throttle is not None:
                await self._throttle.visitor_feedback(self._session_key)
            contact: Contact = await bus.handle(
                LeaveContact(self._session_key, frame.name, frame.email, frame.phone))
        except Exception as error:  # reported like any frame's error, with its frame type
            await self.send(error_frame(reported(error)) | {"frame_type": frame.type})
            return
        await self.send(contact_frame(contact))

    async def _mail_transcript(self, frame: EmailTranscriptFrame, bus: MessageBus) -> None:
        """Owe the visitor their transcript; it is mailed after the commit. The acknowledgement
        says where to (the email they left)."""
        try:
            if self._throttle is not None:
                await self._throttle.visitor_feedback(self._session_key)
            to: str = await bus.handle(MailTranscript(self._session_key, frame.lang))
        except Exception as error:  # reported like any frame's error, with its frame type
            await self.send(error_frame(reported(error)) | {"frame_type": frame.type})
            return
        await self.send({"type": "email_transcript", "to": to})

    async def _post(self, frame: MessageFrame, bus: MessageBus) -> None:
        delivered_before = self._messages.last_seq
        message: Message = await bus.handle(
            PostVisitorMessage(self._session_key, frame.text, frame.client_id,
                               frame.faq_id))
        async with self._sending:
            if message.seq <= delivered_before:
                # A resend of a stored client_id: its echo went out earlier, acknowledge again.
                await self._websocket.send_json(await self._shown(message_frame(message)))
            else:
                # Usually the doorbell has echoed it already; if not, this is the echo.
                await self._messages.offer(message)
