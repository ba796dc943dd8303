"""Visitor messages through the real message bus and SQL unit of work: load the session,
append, project into the read models, commit. Each FAQ round trip stores two of these.

Conversations are ten messages long, a realistic length: the unit of work reads the whole
session stream on every command, so longer ones cost more per message."""

from __future__ import annotations

import asyncio

from application.commands import PostVisitorMessage, StartSession
from application.messagebus import MessageBus
from bench.event_store.figures import Figure, timed
from entrypoints import lifecycle
from entrypoints.container import create_container
from entrypoints.settings import Settings

MESSAGES_PER_SESSION = 10


async def posted_messages(url: str, backend: str, concurrent: int, count: int) -> None:
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")  # type: ignore[call-arg]
    container = create_container(settings)
    await lifecycle.open_resources(container)
    try:
        # no policies: the answer would add a second command; this times one
        bus = MessageBus(container.services(), container.uow_factory(), event_handlers={})
        sessions = max(1, count // MESSAGES_PER_SESSION)
        keys = asyncio.Queue[str]()
        for _ in range(sessions):
            keys.put_nowait((await bus.handle(StartSession())).session_key)

        async def visitor() -> None:
            while not keys.empty():
                key = keys.get_nowait()
                for number in range(MESSAGES_PER_SESSION):
                    await bus.handle(PostVisitorMessage(key, f"question {number}"))

        name = f"visitor messages, {concurrent} at once (bus+UoW)"
        with timed(Figure(backend, name, sessions * MESSAGES_PER_SESSION)):
            await asyncio.gather(*(visitor() for _ in range(concurrent)))
    finally:
        await lifecycle.close_resources(container)
