"""Endpoints for the platform, not for chat clients: /healthz, /readyz and /metrics.

/healthz says the process serves requests (a liveness probe: restart me when it fails);
/readyz says whether its dependencies answer (a readiness probe: send me no traffic while it
fails). /metrics is for Prometheus; the proxy keeps it off the public side.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import structlog
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from adapters.redis_health import redis_reachable
from entrypoints import lifecycle
from entrypoints.container import Container
from entrypoints.routing import SlashAgnosticRouter

CHECK_SECONDS = 2.0

log = structlog.get_logger("pasokh.observability")
router = SlashAgnosticRouter()


@router.get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", include_in_schema=False)
async def readyz(request: Request) -> JSONResponse:
    failed = await unready_dependencies(request.app.state.container)
    if failed:
        message = "not ready: " + ", ".join(failed) + " unreachable"
        return JSONResponse({"status": "unavailable", "failed": failed,
                             "error": {"code": "unavailable", "message": message}}, 503)
    return JSONResponse({"status": "ready"})


async def unready_dependencies(container: Container) -> list[str]:
    checks: dict[str, Awaitable[bool]] = {}
    if lifecycle.uses_sql(container):
        checks["database"] = container.database().ping()
    redis_url = container.config.redis_url()
    if redis_url:
        checks["redis"] = redis_reachable(redis_url, CHECK_SECONDS)
    outcomes = await asyncio.gather(
        *(asyncio.wait_for(check, CHECK_SECONDS) for check in checks.values()),
        return_exceptions=True)
    failed = [name for name, ok in zip(checks, outcomes, strict=True) if ok is not True]
    # A Redis pub/sub that lost its subscription would leave this instance's sockets deaf.
    if redis_url and getattr(container.pubsub(), "connected", True) is False:
        failed.append("redis_subscription")
    return failed


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    container: Container = request.app.state.container
    await _refresh_gauges(container)
    body = generate_latest(container.metrics().registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


async def _refresh_gauges(container: Container) -> None:
    """Gauges of shared state are read at scrape time, from the read models."""
    metrics = container.metrics()
    metrics.policies_in_flight.set(container.bus().busy)
    try:
        queue = await asyncio.wait_for(container.read_models().queue(), CHECK_SECONDS)
    except Exception:  # the rest of the scrape is still worth having; the cause is logged
        log.warning("could not read the queue length for /metrics", exc_info=True)
        return
    metrics.queue_length.set(len(queue))
