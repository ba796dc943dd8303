"""The FastAPI application: REST under /chat/api, the visitor and agent sockets."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from entrypoints import assigning, lifecycle, observability, reconciling, web
from entrypoints.api import (
    admin,
    agents,
    auth,
    canned,
    contacts,
    dependencies,
    insights,
    sessions,
)
from entrypoints.container import Container, create_container
from entrypoints.errors import register_error_handlers
from entrypoints.faq import routes as faqs
from entrypoints.limits import BodyLimitMiddleware
from entrypoints.logging import RequestContextMiddleware, configure_logging, request_context
from entrypoints.security import dependencies as security_dependencies
from entrypoints.security.headers import SecurityHeadersMiddleware
from entrypoints.security.log_scrubbing import scrubber, secret_values
from entrypoints.security.origins import OriginPolicy
from entrypoints.security.socket_guard import OpenSockets, SocketGuard, SocketGuardMiddleware
from entrypoints.settings import Settings
from entrypoints.ws import admin as admin_socket
from entrypoints.ws import dependencies as socket_dependencies
from entrypoints.ws import visitor

MAX_BODY_BYTES = 64 * 1024
SHUTDOWN_GRACE_SECONDS = 10
WIRED_MODULES = [dependencies, sessions, faqs, admin, agents, canned, auth, insights, visitor,
                 contacts, admin_socket,
                 socket_dependencies, security_dependencies]

log = structlog.get_logger("pasokh.app")


class PasokhApp(FastAPI):
    """FastAPI, with the visitor socket served before the middleware and the router.

    Every frame between the server and the endpoint stays alive as long as a socket is open
    (about 10 KiB per socket through FastAPI's middleware and router: ADR 0021), and
    visitors hold their sockets open for hours. The visitor socket needs none of that chain
    but what it would do for a socket: the log context and the socket guard, done here; an
    error before its frame loop closes it with its code (visitor.visitor_socket)."""

    def __init__(self, guard: SocketGuard, **options: Any) -> None:
        super().__init__(**options)
        self.socket_guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            key = visitor.session_key_in(scope["path"])
            if key is not None:
                # this connection's own task holds the context, for as long as the socket
                structlog.contextvars.bind_contextvars(**request_context(scope))
                scope["app"] = self
                scope["path_params"] = {"session_key": key}
                await self.socket_guard.admit(scope, receive, send, visitor.visitor_socket)
                return
        await super().__call__(scope, receive, send)


def create_app(source: Container | Settings | None = None) -> FastAPI:
    container = source if source is not None and not isinstance(source, Settings) \
        else create_container(source)
    configure_logging(container.config.env(), container.config.log_level())
    scrubber.remember(*secret_values(container.config.secret_key(),
                                     container.config.openai_api_key()))
    # Swagger UI and ReDoc load their scripts from a CDN: on the desk's own origin that is
    # code Pasokh does not ship. Development keeps them; production turns them off (the
    # schema itself stays at /openapi.json).
    docs = container.config.env() != "production"
    # Visitor endpoints serve any site (or those in CHAT_ALLOWED_ORIGINS); admin calls need an
    # Authorization header, which only the listed sites may send cross-origin.
    origins = OriginPolicy(tuple(container.config.chat_allowed_origins()))
    guard = SocketGuard(origins, container.client_addresses(),
                        OpenSockets(container.config.max_sockets_per_address()))
    app = PasokhApp(guard, title="Pasokh", lifespan=_lifespan, redirect_slashes=False,
                    docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None)
    app.state.container = container
    register_error_handlers(app)
    app.add_middleware(CORSMiddleware, **origins.cors_options())
    app.add_middleware(SocketGuardMiddleware, guard=guard)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware)
    for router in (sessions.router, faqs.router, admin.router, auth.router, insights.router,
                   agents.router, agents.colleagues_router, canned.router, contacts.router):
        app.include_router(router, prefix="/chat/api")
    app.include_router(admin_socket.router)
    app.include_router(observability.router)
    app.include_router(web.router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    container: Container = app.state.container
    _warn_about_unsupported(container)
    if lifecycle.uses_embedded_sqlite(container):
        await asyncio.to_thread(lifecycle.migrate, container)
    await lifecycle.open_resources(container)
    container.wire(modules=WIRED_MODULES)
    reconciler = lifecycle.start_reconciling(container)
    timer = assigning.start(container.bus(), container.config.reconcile_interval_seconds()) \
        if container.config.chat_assignment() == "auto" else None
    # The FAQ index and vectors are brought up to date now, not at the first question:
    # stored vectors are loaded, new FAQs embedded, in the background.
    preparing = asyncio.create_task(_prepare_matching(container), name="pasokh-matching")
    if getattr(app.state, "tune_gc", False):
        tune_garbage_collector()
    log.info("pasokh started", storage=container.config.storage_backend(),
             pubsub=container.config.pubsub_backend())
    try:
        yield
    finally:
        preparing.cancel()  # and wait for it: it may be reading the database being closed
        with contextlib.suppress(asyncio.CancelledError):
            await preparing
        await reconciling.stop(reconciler)
        await assigning.stop(timer)
        await container.sockets().close_all()  # 1012: reconnect to another instance
        try:
            await asyncio.wait_for(container.bus().idle(), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("stopped with answers still being worked on")
        container.unwire()
        await lifecycle.close_resources(container)


# Python's defaults (700, 10, 10) ran a full collection every few seconds under load, each
# walking every object of the process: the visitors' p99 was that pause (ADR 0027).
GC_THRESHOLDS = (10_000, 50, 50)


def tune_garbage_collector() -> None:
    """Once started: what exists now (modules, the app, pools) is moved out of the
    collector's sight, and collections run less often. Only for a serving process: a test
    process starts many apps, and what it freezes would never be collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


async def _prepare_matching(container: Container) -> None:
    try:
        await container.matcher().embedded()
    except asyncio.CancelledError:
        raise
    except Exception:  # matching still works on words; the next catalog change retries
        log.exception("the FAQ index could not be prepared at start-up")


def _warn_about_unsupported(container: Container) -> None:
    log.info("answers", responder=container.config.responder_backend(),
             model=container.config.openai_model(),
             embeddings=container.config.embeddings_backend())
    grace, answer_limit = (container.config.reconcile_grace_seconds(),
                           container.config.openai_total_timeout_seconds())
    if container.config.responder_backend() == "openai" and grace <= answer_limit:
        log.warning("PASOKH_RECONCILE_GRACE_SECONDS is not above OPENAI_TOTAL_TIMEOUT_SECONDS: "
                    "slow answers may be drafted twice (still stored once)",
                    grace=grace, answer_limit=answer_limit)
