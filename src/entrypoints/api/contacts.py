"""Visitors the team could not answer who left a way to reach them (issue 15)."""

from dependency_injector.wiring import inject

from entrypoints.api.dependencies import Agent, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import ContactOut

router = SlashAgnosticRouter(prefix="/admin")


@router.get("/contacts/")
@inject
async def contacts(agent: Agent, read_models: Reads) -> list[ContactOut]:
    """The conversations whose visitor left a contact, the latest left first (200 at most)."""
    return [ContactOut.model_validate(contact) for contact in await read_models.contacts()]
