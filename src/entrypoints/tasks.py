"""What the `pasokh` commands on storage and accounts do, with the container's adapters
(the FAQ file commands are in entrypoints.faq.tasks, `serve` in entrypoints.server)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from application import auth
from entrypoints import lifecycle
from entrypoints.container import Container
from entrypoints.progress import ProgressBar


class CommandFailed(Exception):
    """The command could not do its job; the message says why, for the operator."""

    exit_code = 1


class UsageError(CommandFailed):
    """The command cannot do what it was asked at all, whatever the data (exit code 2)."""

    exit_code = 2


def migrate(container: Container) -> int:
    if not lifecycle.uses_sql(container):
        print("in-memory storage has no schema to migrate")
        return 0
    lifecycle.migrate(container)
    print("database schema is up to date")
    return 0


@asynccontextmanager
async def opened(container: Container) -> AsyncIterator[Container]:
    if lifecycle.uses_embedded_sqlite(container):
        await asyncio.to_thread(lifecycle.migrate, container)
    await lifecycle.open_resources(container)
    try:
        yield container
    finally:
        await container.bus().idle()
        await lifecycle.close_resources(container)


async def rebuild_projections(container: Container) -> int:
    if not lifecycle.uses_sql(container):
        raise CommandFailed("in-memory storage keeps no read models between runs")
    async with opened(container):
        count = await lifecycle.rebuild_projections(container, ProgressBar(sys.stderr))
    print(f"rebuilt the read models from {count} events")
    return 0


async def create_admin(container: Container, username: str, password: str,
                       display_name: str | None) -> int:
    async with opened(container):
        accounts = container.agent_accounts()
        if await accounts.get(username.strip()) is not None:
            raise CommandFailed(f"an account named {username.strip()!r} already exists")
        try:
            await auth.register_agent(accounts, container.password_hasher(), container.clock(),
                                      username, password, display_name,
                                      container.common_passwords())
        except ValueError as error:
            raise CommandFailed(str(error)) from None
    print(f"created admin account {username.strip()!r}")
    return 0
