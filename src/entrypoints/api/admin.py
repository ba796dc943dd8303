"""What agents see: who waits in the queue, and the conversations they are in."""

from typing import Any

from dependency_injector.wiring import inject

from application import queries
from entrypoints.api.dependencies import Agent, Devices, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import ChatOut, QueueEntryOut, SessionDetailOut
from entrypoints.session_keys import require_well_formed
from entrypoints.ws.agent_frames import with_notes

router = SlashAgnosticRouter(prefix="/admin")


@router.get("/active-chats/")
@inject
async def active_chats(agent: Agent, read_models: Reads) -> list[ChatOut]:
    return [ChatOut.model_validate(chat) for chat in await read_models.active_chats()]


@router.get("/queue/")
@inject
async def queue(agent: Agent, read_models: Reads) -> list[QueueEntryOut]:
    return [QueueEntryOut.model_validate(entry) for entry in await read_models.queue()]


@router.get("/sessions/{session_key}/")
@inject
async def session_detail(session_key: str, agent: Agent, read_models: Reads,
                         devices: Devices) -> SessionDetailOut:
    """A conversation as the desk opens it: messages and notes in order, the handoff
    summary, where the visitor came from, and their other conversations (newest first)."""
    detail = await queries.session_detail(read_models, require_well_formed(session_key))
    view, seen = detail.view, detail.view.context
    context: dict[str, Any] = {
        "visitor_id": view.visitor_id,
        "page_url": seen.page_url if seen else None,
        "referrer": seen.referrer if seen else None,
        "locale": seen.locale if seen else None,
        "user_agent": seen.user_agent if seen else None,
        "browser": devices.describe(seen.user_agent if seen else None)}
    return SessionDetailOut.model_validate({
        "session_key": view.session_key, "status": view.status, "agent": view.agent,
        "reason": view.escalation_reason, "summary": view.summary, "context": context,
        "messages": with_notes(view.messages, detail.notes),
        "previous_sessions": detail.previous, "created_at": view.started_at})
