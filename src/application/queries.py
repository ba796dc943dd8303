"""Query handlers: thin reads of the read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from application.availability import TeamAvailability
from application.errors import SessionNotFound
from application.ports import ReadModels
from application.views import MessageView, PastSessionView, SessionView
from domain.waiting import RECENT_WAITS, estimated_wait_seconds


@dataclass(frozen=True)
class QueuePlace:
    position: int
    estimated_wait_seconds: int | None
    offline: bool = False  # no person can answer now: outside the hours or nobody on
    opens_at: datetime | None = None  # when the hours begin again, if they are the reason


async def history(read_models: ReadModels, session_key: str, after_seq: int = 0) -> SessionView:
    view = await read_models.session(session_key, after_seq)
    if view is None:
        raise SessionNotFound(session_key)
    return view


PREVIOUS_SESSIONS = 20
"""How many of a visitor's other conversations the desk lists, the newest first."""


@dataclass(frozen=True)
class SessionDetail:
    """A conversation as an agent opens it: the messages with the notes, the handoff
    summary, where the visitor came from, and their other conversations."""

    view: SessionView
    notes: list[MessageView]
    previous: list[PastSessionView]


async def session_detail(read_models: ReadModels, session_key: str) -> SessionDetail:
    view = await history(read_models, session_key)
    previous = await read_models.previous_sessions(view.visitor_id, session_key,
                                                   PREVIOUS_SESSIONS) if view.visitor_id else []
    return SessionDetail(view, await read_models.notes(session_key), previous)


async def queue_place(read_models: ReadModels, session_key: str,
                      availability: TeamAvailability | None = None) -> QueuePlace | None:
    """Where the session waits in the queue and how long it may take, or None if not waiting;
    and whether anyone can answer at all now."""
    entry = next((e for e in await read_models.queue() if e.session_key == session_key), None)
    if entry is None:
        return None
    waits = await read_models.recent_waits(RECENT_WAITS)
    team = await availability.now() if availability is not None else None
    if team is None or not team.offline:
        return QueuePlace(entry.position, estimated_wait_seconds(waits, entry.position))
    return QueuePlace(entry.position, None, True, team.opens_at)
