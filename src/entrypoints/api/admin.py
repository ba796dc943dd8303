"""What agents see: who waits in the queue, and the conversations they are in."""

from dependency_injector.wiring import inject

from entrypoints.api.dependencies import Agent, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import ChatOut, QueueEntryOut

router = SlashAgnosticRouter(prefix="/admin")


@router.get("/active-chats/")
@inject
async def active_chats(agent: Agent, read_models: Reads) -> list[ChatOut]:
    return [ChatOut.model_validate(chat) for chat in await read_models.active_chats()]


@router.get("/queue/")
@inject
async def queue(agent: Agent, read_models: Reads) -> list[QueueEntryOut]:
    return [QueueEntryOut.model_validate(entry) for entry in await read_models.queue()]
