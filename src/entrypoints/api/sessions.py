"""Visitor REST routes: start a conversation, read it back."""

from typing import Annotated

from dependency_injector.wiring import inject
from fastapi import Body, Header
from fastapi.responses import PlainTextResponse

from application import queries
from application.commands import StartSession
from application.transcript import Language, transcript, transcript_filename
from domain.visitor_context import VisitorContext
from entrypoints.api.dependencies import Bus, Names, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import HistoryOut, SessionCreatedOut, SessionStartIn
from entrypoints.security.dependencies import ClientNetwork, SessionStartAllowed
from entrypoints.session_keys import require_well_formed

router = SlashAgnosticRouter()


@router.post("/sessions/", status_code=201)
@inject
async def start_session(bus: Bus, _: SessionStartAllowed, network: ClientNetwork,
                        body: Annotated[SessionStartIn | None, Body()] = None,
                        user_agent: Annotated[str | None, Header()] = None,
                        ) -> SessionCreatedOut:
    """A new conversation. The optional body's `visitor_id` (the widget's random id for
    this browser) links a returning visitor's conversations and counts their escalations;
    the page it was opened on, the referrer, the locale and the User-Agent header are kept
    for the agents."""
    said = body or SessionStartIn()
    context = VisitorContext.of(said.page_url, said.referrer, said.locale, user_agent)
    session = await bus.handle(StartSession(origin=network, visitor_id=said.visitor_id,
                                            context=context))
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


@router.get("/history/{session_key}/transcript/", response_class=PlainTextResponse)
@inject
async def transcript_download(session_key: str, read_models: Reads, names: Names,
                              lang: Language = "en") -> PlainTextResponse:
    """The conversation as text to download (holder of the key); `lang` names the labels."""
    view = await queries.history(read_models, require_well_formed(session_key))
    agents = {m.agent for m in view.messages if m.agent}
    shown = {agent: await names.of(agent) or agent for agent in agents}
    filename = transcript_filename(view)
    return PlainTextResponse(
        transcript(view, lang, shown), media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "Cache-Control": "no-store"})
