"""The frames of the agents' socket: what an agent's dashboard sends, and what it gets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from application.views import ChatView, MessageView, QueueEntryView, RatingView, SessionView
from entrypoints.errors import ApiError
from entrypoints.schemas import ChatOut, MessageOut, QueueEntryOut, RatingOut, StrictIn
from entrypoints.ws.frames import MAX_CLIENT_ID, parse_with


class SessionFrame(StrictIn):
    session_key: str


class JoinFrame(SessionFrame):
    type: Literal["join"]


class AgentMessageFrame(SessionFrame):
    type: Literal["message"]
    text: str
    client_id: str | None = Field(None, min_length=1, max_length=MAX_CLIENT_ID)


class CloseFrame(SessionFrame):
    type: Literal["close"]


class AgentTypingFrame(SessionFrame):
    type: Literal["typing"]


class HistoryFrame(SessionFrame):
    type: Literal["history"]


class NoteFrame(SessionFrame):
    type: Literal["note"]
    text: str


class AvailabilityFrame(StrictIn):
    """The agent's own availability, for every desk of theirs (ADR 0046)."""

    type: Literal["availability"]
    status: Literal["online", "away"]


class TransferFrame(SessionFrame):
    """Hand the conversation to the agent `to` (a username), or (null) put it back at the
    head of the queue."""

    type: Literal["transfer"]
    to: str | None = Field(min_length=1, max_length=255)


AgentFrame = (JoinFrame | AgentMessageFrame | CloseFrame | AgentTypingFrame | HistoryFrame
              | NoteFrame | TransferFrame)
_MODELS: dict[str, type[AgentFrame | AvailabilityFrame]] = {
    "join": JoinFrame, "message": AgentMessageFrame, "close": CloseFrame,
    "typing": AgentTypingFrame, "history": HistoryFrame, "note": NoteFrame,
    "availability": AvailabilityFrame, "transfer": TransferFrame,
}


def parse_agent_frame(raw: str) -> AgentFrame | AvailabilityFrame:
    return parse_with(raw, _MODELS)


def availability_frame(status: str) -> dict[str, Any]:
    """The acknowledgement of an availability frame, and the agent's status on connect."""
    return {"type": "availability", "status": status}


def queue_of(entries: Sequence[QueueEntryView]) -> list[dict[str, Any]]:
    return [QueueEntryOut.of(entry) for entry in entries]


def chats_of(chats: Sequence[ChatView]) -> list[dict[str, Any]]:
    return [ChatOut.of(chat) for chat in chats]


def snapshot_frame(agent: str, queue: list[dict[str, Any]], chats: list[dict[str, Any]],
                   max_chats: int, role: str = "agent", display_name: str | None = None,
                   availability: str = "online", assignment: str = "manual") -> dict[str, Any]:
    return {"type": "snapshot", "agent": agent, "role": role,
            "display_name": display_name or agent, "max_chats": max_chats, "queue": queue,
            "active_chats": chats, "availability": availability, "assignment": assignment}


def presence_frame(agent: str, status: str) -> dict[str, Any]:
    """A teammate's availability changed (the team list shows it)."""
    return {"type": "presence", "agent": agent, "status": status}


def with_notes(messages: Sequence[MessageView],
               notes: Sequence[MessageView]) -> list[MessageView]:
    """The messages with the agents' notes among them, each note after the message it
    followed when it was written (a note's seq is that message's)."""
    return sorted([*messages, *notes], key=lambda m: (m.seq, m.sender == "note", m.created_at))


def conversation_frame(kind: str, view: SessionView,
                       notes: Sequence[MessageView] = ()) -> dict[str, Any]:
    """`joined` (the answer to join) or `history`: the whole conversation and why it
    escalated, so the visitor never has to repeat the problem; the agents' notes among
    the messages."""
    return {"type": kind, "session_key": view.session_key, "status": view.status,
            "agent": view.agent, "reason": view.escalation_reason,
            "messages": [MessageOut.of(m) for m in with_notes(view.messages, notes)],
            "rating": RatingOut.of(view.rating) if view.rating else None}


def agent_message_frame(session_key: str, message: object) -> dict[str, Any]:
    return {"type": "message", "session_key": session_key, "message": MessageOut.of(message)}


def feedback_given_frame(session_key: str, seq: int, helpful: bool) -> dict[str, Any]:
    """The visitor said whether the bot message `seq` helped."""
    return {"type": "feedback", "session_key": session_key, "seq": seq, "helpful": helpful}


def rated_frame(session_key: str, rating: RatingView) -> dict[str, Any]:
    return {"type": "rating", "session_key": session_key, "rating": RatingOut.of(rating)}


def visitor_typing_frame(session_key: str) -> dict[str, Any]:
    return {"type": "typing", "session_key": session_key, "sender": "user"}


def session_status_frame(session_key: str, status: str, agent: str | None) -> dict[str, Any]:
    return {"type": "status", "session_key": session_key, "status": status, "agent": agent}


def transferred_frame(session_key: str, from_agent: str, to_agent: str | None,
                      by: str) -> dict[str, Any]:
    """To the desks of the agent a conversation left and the one it went to; `to` null: it
    went back to the head of the queue."""
    return {"type": "transferred", "session_key": session_key, "from": from_agent,
            "to": to_agent, "by": by}


def agent_error_frame(error: ApiError, session_key: str | None) -> dict[str, Any]:
    frame = {"type": "error", "code": error.code, "message": error.message}
    return frame | {"session_key": session_key} if session_key else frame
