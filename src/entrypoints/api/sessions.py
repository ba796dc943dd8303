"""Visitor REST routes: start a conversation, read it back."""

from dependency_injector.wiring import inject

from application import queries
from application.commands import StartSession
from entrypoints.api.dependencies import Bus, Names, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import HistoryOut, SessionCreatedOut
from entrypoints.security.dependencies import SessionStartAllowed
from entrypoints.session_keys import require_well_formed

router = SlashAgnosticRouter()


@router.post("/sessions/", status_code=201)
@inject
async def start_session(bus: Bus, _: SessionStartAllowed) -> SessionCreatedOut:
    session = await bus.handle(StartSession())
    return SessionCreatedOut(session_key=session.session_key, status=session.status,
                             created_at=session.started_at)


@router.get("/history/{session_key}/")
@inject
async def history(session_key: str, read_models: Reads, names: Names) -> HistoryOut:
    """The visitor's conversation; agents appear by their display names."""
    view = await queries.history(read_models, require_well_formed(session_key))
    out = HistoryOut.model_validate(view)
    for message in out.messages:
        if message.agent:
            message.agent = await names.of(message.agent)
    return out
