"""The FAQ catalog: anyone reads it, agents read the inactive ones too, admins change it."""

from typing import Annotated

from dependency_injector.wiring import inject
from fastapi import Header, Response

from application import commands
from application.errors import NotFound
from application.ports import TokenIssuer
from entrypoints.api.dependencies import Admin, Bus, Reads, Tokens, agent_from
from entrypoints.errors import ApiError
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import FAQIn, FAQOut

router = SlashAgnosticRouter(prefix="/faqs")


@router.get("/")
@inject
async def list_faqs(read_models: Reads, tokens: Tokens, include_inactive: bool = False,
                    authorization: Annotated[str | None, Header()] = None) -> list[FAQOut]:
    """Active FAQs for anyone; agents may add ?include_inactive=true to manage the rest."""
    if include_inactive:
        agent_from(tokens, authorization)
    faqs = await read_models.faqs(include_inactive=include_inactive)
    return [FAQOut.model_validate(faq) for faq in faqs]


@router.post("/", status_code=201)
@inject
async def add_faq(body: FAQIn, admin: Admin, bus: Bus) -> FAQOut:
    added = await bus.handle(commands.AddFAQ(body.content()))
    return FAQOut.model_validate(added)


@router.get("/{faq_id}/")
@inject
async def get_faq(faq_id: str, read_models: Reads, tokens: Tokens,
                  authorization: Annotated[str | None, Header()] = None) -> FAQOut:
    """An active FAQ for anyone; an inactive one only for agents (404 for anyone else, as
    if it did not exist: a draft or a withdrawn answer is not public)."""
    faq = await read_models.faq(faq_id)
    if faq is None or (not faq.active and not _is_agent(tokens, authorization)):
        raise NotFound(faq_id)
    return FAQOut.model_validate(faq)


def _is_agent(tokens: TokenIssuer, authorization: str | None) -> bool:
    try:
        agent_from(tokens, authorization)
    except ApiError:
        return False
    return True


@router.put("/{faq_id}/")
@inject
async def update_faq(faq_id: str, body: FAQIn, admin: Admin, bus: Bus) -> FAQOut:
    updated = await bus.handle(commands.UpdateFAQ(faq_id, body.content()))
    return FAQOut.model_validate(updated)


@router.delete("/{faq_id}/", status_code=204)
@inject
async def remove_faq(faq_id: str, admin: Admin, bus: Bus) -> Response:
    await bus.handle(commands.RemoveFAQ(faq_id))
    return Response(status_code=204)
