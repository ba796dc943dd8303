"""The container's resources over a process's life: the schema brought up to date, the
database and Redis opened before anything asks for them, the reconciler started, and
everything closed in order at the end."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

from dependency_injector import providers

from entrypoints import reconciling
from entrypoints.container import Container

Progress = Callable[[int, int], None]


def uses_sql(container: Container) -> bool:
    return bool(container.config.storage_backend() == "sql")


def uses_embedded_sqlite(container: Container) -> bool:
    if not uses_sql(container):
        return False
    from adapters.sql.urls import is_sqlite

    return bool(is_sqlite(container.config.database_url()))


def migrate(container: Container) -> None:
    """Bring the SQL schema up to date (blocking: run it in a thread from async code)."""
    from adapters.sql.migrate import upgrade

    upgrade(container.config.database_url())


async def rebuild_projections(container: Container, progress: Progress | None = None) -> int:
    from adapters.sql.rebuild import rebuild_projections as rebuild

    return int(await rebuild(container.database(), progress))


def uses_redis(container: Container) -> bool:
    return bool(container.config.pubsub_backend() == "redis")


async def open_resources(container: Container) -> None:
    """Open the database and Redis when the settings choose them, before anything asks."""
    if uses_sql(container):
        await _open(container.database)
    if uses_redis(container):
        await _open(container.redis_pubsub)
        await _open(container.redis_presence)


async def _open(resource: providers.Resource) -> None:
    resource.enable_async_mode()
    opening = resource.init()
    assert opening is not None
    await opening
    # The resource now exists: hand it out as a plain object, not as an awaitable.
    resource.disable_async_mode()


def start_reconciling(container: Container) -> asyncio.Task[None]:
    """Repairs reactions lost to crashes: a pass now, then every PASOKH_RECONCILE_INTERVAL."""
    return reconciling.start(container.reconciler(), container.config.reconcile_interval_seconds(),
                             container.reconcile_report())


async def close_resources(container: Container) -> None:
    for client in (container.responder(), container.summarizer()):
        if hasattr(client, "aclose"):
            await client.aclose()
    await container.matcher().close()
    embedder = container.embedder()
    if hasattr(embedder, "aclose"):
        await embedder.aclose()
    elif hasattr(embedder, "close"):
        embedder.close()
    for resource in (container.redis_presence, container.database, container.redis_pubsub):
        closed = resource.shutdown()
        if inspect.isawaitable(closed):
            await closed
    if uses_redis(container):  # after the presence, which takes its sockets off with it
        await container.counters_redis().aclose()
    if uses_sql(container) or uses_redis(container):
        # What was built on the closed database or Redis must not outlive it.
        container.reset_singletons()
