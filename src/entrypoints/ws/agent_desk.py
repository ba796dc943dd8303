"""One agent's socket: the live queue and active chats, and the conversations they hold.

Everything the agent sees is read from the read models; notifications only say when to
read again. A conversation's messages go out in `seq` order, each once (see ordering.py).
"""

from __future__ import annotations

import asyncio
from typing import Any

from application import queries
from application.ports import (
    ACCOUNT_DISABLED,
    PRESENCE,
    RESYNC,
    TYPING,
    ReadModels,
    RecordedEvent,
    Signal,
    Subscription,
)
from application.projections import message_view, note_view
from application.views import RatingView, SessionView
from domain.chat_session import SessionStatus, session_key_in
from domain.queue import QUEUE_STREAM
from domain.session_events import (
    AgentJoined,
    AnswerFeedbackGiven,
    ConversationRated,
    HandoffSummarized,
    NoteLeft,
    SessionClosed,
    SessionReturnedToQueue,
    SessionTransferred,
)
from entrypoints.ws.agent_account import AccountDisabled, StillActive
from entrypoints.ws.agent_frames import (
    agent_message_frame,
    conversation_frame,
    feedback_given_frame,
    presence_frame,
    rated_frame,
    session_status_frame,
    snapshot_frame,
    transferred_frame,
    visitor_typing_frame,
)
from entrypoints.ws.agent_lists import LiveLists
from entrypoints.ws.ordering import Delivered, InOrder
from entrypoints.ws.serving import FrameSocket


def last_seq_of(view: SessionView) -> int:
    return view.messages[-1].seq if view.messages else 0


class AgentDesk:
    def __init__(self, websocket: FrameSocket, agent: str, read_models: ReadModels,
                 display_name: str | None = None, role: str = "agent",
                 still_active: StillActive | None = None) -> None:
        self._websocket = websocket
        self._read_models = read_models
        self.agent = agent
        self.display_name = display_name or agent
        self.role = role
        self._still_active = still_active
        self.lock = asyncio.Lock()  # one sender at a time, and the state below with it
        self.held: dict[str, InOrder] = {}
        self.joining: set[str] = set()  # this socket shows these itself, with `joined`
        self._lists = LiveLists(read_models)

    async def send(self, frame: dict[str, Any]) -> None:
        async with self.lock:
            await self._websocket.send_json(frame)

    async def open(self, max_chats: int, availability: str = "online",
                   assignment: str = "manual") -> None:
        """The snapshot; the chats this agent already holds (a reconnect) are followed again."""
        async with self.lock:
            for chat in await self._lists.load():
                if chat.agent == self.agent:
                    await self._follow(chat.session_key)
            await self._websocket.send_json(snapshot_frame(
                self.agent, self._lists.queue, self._lists.chats, max_chats, self.role,
                self.display_name, availability, assignment))

    async def show(self, kind: str, session_key: str) -> None:
        """Send a whole conversation; for one this agent holds, it counts as delivered.

        Read under the lock, so no message slips between this frame and the live ones."""
        async with self.lock:
            await self._show(kind, session_key)

    async def _show(self, kind: str, session_key: str) -> None:
        view = await queries.history(self._read_models, session_key)
        if view.agent == self.agent and view.status == SessionStatus.WITH_AGENT:
            following = self.held.get(session_key) or self._following(view)
            following.skip_to(last_seq_of(view))
        notes = await self._read_models.notes(session_key)
        await self._websocket.send_json(conversation_frame(kind, view, notes))

    async def acknowledge(self, session_key: str, message: Delivered, before: int) -> None:
        """The agent's own message after it was stored (a resend of a client_id included)."""
        async with self.lock:
            following = self.held.get(session_key)
            if following is None or message.seq <= before:
                if following is None:
                    await self._follow(session_key)
                await self._websocket.send_json(agent_message_frame(session_key, message))
            else:
                await following.offer(message)

    def delivered(self, session_key: str) -> int:
        following = self.held.get(session_key)
        return following.last_seq if following else 0

    # -- notifications ------------------------------------------------------------------------

    async def pump(self, subscription: Subscription) -> None:
        async for item in subscription:
            async with self.lock:
                if isinstance(item, Signal):
                    await self._on_signal(item)
                else:
                    await self._on_event(item)

    async def _on_event(self, item: RecordedEvent) -> None:
        key = session_key_in(item.stream_id) or ""
        message = message_view(item.event)
        match item.event:
            case AgentJoined(agent=agent) if agent == self.agent and \
                    key not in self.held and key not in self.joining:
                # given to this agent by automatic assignment, or joined from another of
                # their desks: `assigned`, with the whole conversation, like `joined`
                await self._show("assigned", key)
            case SessionClosed() if key in self.held:
                await self._drop(key)
            case SessionTransferred() | SessionReturnedToQueue():
                await self._handed_on(key, item.event)
            case AnswerFeedbackGiven(seq=seq, helpful=helpful):
                await self._websocket.send_json(feedback_given_frame(key, seq, helpful))
            case ConversationRated(score=score, comment=comment, at=at):
                await self._websocket.send_json(
                    rated_frame(key, RatingView(score, comment, at)))
            case NoteLeft():  # to every agent: notes are how the team talks about a chat
                await self._websocket.send_json(agent_message_frame(key, note_view(item.event)))
        if message is not None and key in self.held:
            await self.held[key].offer(message)
        shown_in_queue = message is not None or isinstance(item.event, HandoffSummarized)
        if item.stream_id == QUEUE_STREAM or (shown_in_queue and self._lists.shows_in_queue(key)):
            await self._send_if_any(await self._lists.queue_frame())
        if isinstance(item.event, AgentJoined | SessionClosed | SessionTransferred
                      | SessionReturnedToQueue) or (
                message and self._lists.shows_in_chats(key)):
            await self._send_if_any((await self._lists.chats_frame())[0])

    async def _handed_on(self, key: str,
                         event: SessionTransferred | SessionReturnedToQueue) -> None:
        """The conversation left its agent (ADR 0047): the desk it left stops receiving its
        messages, the desk it went to starts; both are told, and whoever asked."""
        to = event.to_agent if isinstance(event, SessionTransferred) else None
        if self.agent not in (event.from_agent, to, event.by):
            return
        if to == self.agent:
            if key not in self.held:
                await self._follow(key)
        elif event.from_agent == self.agent:
            self.held.pop(key, None)
        await self._websocket.send_json(transferred_frame(key, event.from_agent, to, event.by))

    async def _on_signal(self, signal: Signal) -> None:
        key = session_key_in(signal.stream_id) or ""
        if signal.kind == TYPING and signal.sender == "user" and key in self.held:
            await self._websocket.send_json(visitor_typing_frame(key))
        elif signal.kind == ACCOUNT_DISABLED and signal.sender == self.agent:
            raise AccountDisabled(self.agent)
        elif signal.kind == PRESENCE:
            await self._websocket.send_json(presence_frame(signal.sender, signal.text))
        elif signal.kind == RESYNC:
            # the signal may have been lost with the gap: the store says for sure
            if self._still_active is not None and not await self._still_active():
                raise AccountDisabled(self.agent)
            await self._resync()

    async def _resync(self) -> None:
        """Live delivery had a gap: re-read the lists and what this agent holds."""
        await self._send_if_any(await self._lists.queue_frame())
        frame, chats = await self._lists.chats_frame()
        await self._send_if_any(frame)
        mine = {chat.session_key for chat in chats if chat.agent == self.agent}
        for key in list(self.held):
            await self.held[key].catch_up()
            if key not in mine:  # closed, or handed on (ADR 0047)
                view = await queries.history(self._read_models, key)
                await self._drop(key, view.status, view.agent)
        for key in mine - set(self.held):
            await self._show("assigned", key)

    async def _drop(self, key: str, status: str = SessionStatus.CLOSED.value,
                    agent: str | None = None) -> None:
        """No longer this agent's to follow: closed (by them), or handed on."""
        del self.held[key]
        shown = self.agent if status == SessionStatus.CLOSED else agent
        await self._websocket.send_json(session_status_frame(key, status, shown))

    async def _send_if_any(self, frame: dict[str, Any] | None) -> None:
        if frame is not None:
            await self._websocket.send_json(frame)

    async def _follow(self, session_key: str) -> InOrder:
        """Follow the conversation from its latest message on."""
        return self._following(await queries.history(self._read_models, session_key))

    def _following(self, view: SessionView) -> InOrder:
        key = view.session_key

        async def send(message: Delivered) -> None:
            await self._websocket.send_json(agent_message_frame(key, message))

        following = InOrder(self._read_models, key, last_seq_of(view), send)
        self.held[key] = following
        return following
