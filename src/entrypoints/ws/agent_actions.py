"""What an agent's frames do: each becomes a command or a read; failures become errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from application import commands, queries
from application.messagebus import MessageBus
from application.ports import (
    ADMIN,
    PRESENCE,
    PRESENCE_STREAM,
    TYPING,
    Presence,
    ReadModels,
    Signal,
    Signaller,
)
from domain.chat_session import SessionStatus, ensure_agent_may_act, stream_id_for
from entrypoints.session_keys import require_well_formed
from entrypoints.ws.agent_desk import AgentDesk
from entrypoints.ws.agent_frames import (
    AgentFrame,
    AgentMessageFrame,
    AgentTypingFrame,
    AvailabilityFrame,
    CloseFrame,
    HistoryFrame,
    JoinFrame,
    NoteFrame,
    TransferFrame,
    agent_error_frame,
    availability_frame,
    parse_agent_frame,
)
from entrypoints.ws.serving import FrameSocket, read_frames, reported
from entrypoints.ws.typing_gate import typing_due

Trigger = Callable[[], Awaitable[object]]


class AgentActions:
    def __init__(self, desk: AgentDesk, bus: MessageBus, read_models: ReadModels,
                 signals: Signaller, presence: Presence | None = None,
                 came_online: Trigger | None = None) -> None:
        self._desk = desk
        self._bus = bus
        self._read_models = read_models
        self._signals = signals
        self._presence = presence
        self._came_online = came_online  # auto-assignment: someone may have room now
        self._agent = desk.agent
        self._typed_at: dict[str, float] = {}  # per conversation: when typing was last relayed

    async def read(self, websocket: FrameSocket) -> None:
        await read_frames(websocket, self.handle, self._report)

    async def handle(self, raw: str) -> None:
        frame = parse_agent_frame(raw)
        if isinstance(frame, AvailabilityFrame):
            await self._choose(frame.status)
            return
        try:
            await self._dispatch(frame, require_well_formed(frame.session_key))
        except Exception as error:  # reported with the session (and frame) it concerns
            failed = agent_error_frame(reported(error), frame.session_key)
            if isinstance(frame, TransferFrame):  # so the desk words it as the transfer's
                failed["frame_type"] = frame.type
            await self._desk.send(failed)

    async def _report(self, error: Exception) -> None:
        await self._desk.send(agent_error_frame(reported(error), None))

    async def _dispatch(self, frame: AgentFrame, key: str) -> None:
        match frame:
            case JoinFrame():
                await self._join(key)
            case AgentMessageFrame(text=text, client_id=client_id):
                before = self._desk.delivered(key)
                message = await self._bus.handle(
                    commands.PostAgentMessage(key, self._agent, text, client_id))
                await self._desk.acknowledge(key, message, before)
            case CloseFrame():
                await self._bus.handle(commands.CloseSession(key, self._agent))
            case AgentTypingFrame():
                await self._typing(key)
            case HistoryFrame():
                await self._desk.show("history", key)
            case NoteFrame(text=text):  # every desk hears of it through the note's event
                await self._bus.handle(commands.LeaveNote(key, self._agent, text))
            case TransferFrame(to=to):  # the desks concerned hear of it through its event
                await self._bus.handle(commands.TransferSession(
                    key, self._agent, to, by_admin=self._desk.role == ADMIN))

    async def arrived(self, status: str) -> None:
        """The desk is open: an online agent may take waiting conversations now."""
        if status == "online" and self._came_online is not None:
            try:
                await self._came_online()
            except Exception as error:  # reported like a frame's failure; bugs are logged
                await self._report(error)

    async def _choose(self, status: str) -> None:
        """Kept for the agent (every desk of theirs), acknowledged, told to the team."""
        if self._presence is not None:
            await self._presence.choose(self._agent, status)
            status = await self._presence.status_of(self._agent)
        await self._desk.send(availability_frame(status))
        await self._signals.signal(Signal(PRESENCE_STREAM, PRESENCE, self._agent, text=status))
        if status == "online" and self._came_online is not None:
            await self._came_online()

    async def _join(self, key: str) -> None:
        self._desk.joining.add(key)
        try:
            await self._bus.handle(commands.JoinSession(key, self._agent,
                                                        self._desk.display_name))
            await self._desk.show("joined", key)
        finally:
            self._desk.joining.discard(key)

    async def _typing(self, key: str) -> None:
        if key not in self._desk.held:
            view = await queries.history(self._read_models, key)
            ensure_agent_may_act(SessionStatus(view.status), view.agent, self._agent)
        relayed_at = typing_due(self._typed_at.get(key))
        if relayed_at is not None:
            self._typed_at[key] = relayed_at
            await self._signals.signal(Signal(stream_id_for(key), TYPING, "agent"))
