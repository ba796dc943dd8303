"""The FastAPI application: REST under /chat/api and the visitor socket."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from entrypoints import container as wiring
from entrypoints.api import admin, auth, dependencies, faqs, sessions
from entrypoints.container import Container, create_container
from entrypoints.errors import register_error_handlers
from entrypoints.limits import BodyLimitMiddleware
from entrypoints.logging import RequestContextMiddleware, configure_logging
from entrypoints.settings import Settings
from entrypoints.ws import visitor

MAX_BODY_BYTES = 64 * 1024
SHUTDOWN_GRACE_SECONDS = 10
WIRED_MODULES = [dependencies, sessions, faqs, admin, auth, visitor]

log = structlog.get_logger("pasokh.app")


def create_app(source: Container | Settings | None = None) -> FastAPI:
    container = source if source is not None and not isinstance(source, Settings) \
        else create_container(source)
    configure_logging(container.config.env(), container.config.log_level())
    app = FastAPI(title="Pasokh", lifespan=_lifespan, redirect_slashes=False)
    app.state.container = container
    register_error_handlers(app)
    # Visitor endpoints serve any site; admin calls need an Authorization header, which is
    # not allowed cross-origin, so foreign pages cannot use them.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False,
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type"])
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(RequestContextMiddleware)
    for router in (sessions.router, faqs.router, admin.router, auth.router):
        app.include_router(router, prefix="/chat/api")
    app.include_router(visitor.router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    container: Container = app.state.container
    _warn_about_unsupported(container)
    if wiring.uses_embedded_sqlite(container):
        await asyncio.to_thread(wiring.migrate, container)
    await wiring.open_resources(container)
    container.wire(modules=WIRED_MODULES)
    log.info("pasokh started", storage=container.config.storage_backend())
    try:
        yield
    finally:
        try:
            await asyncio.wait_for(container.bus().idle(), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("stopped with answers still being worked on")
        container.unwire()
        await wiring.close_resources(container)


def _warn_about_unsupported(container: Container) -> None:
    if container.config.redis_url():
        log.warning("REDIS_URL is set, but this version fans out in-process only")
    log.info("answers", responder=container.config.responder_backend(),
             model=container.config.openai_model())
