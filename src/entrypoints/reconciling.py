"""The reconciler's background task: started by the app's lifespan, logged and counted."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

import structlog

from adapters.metrics import PasokhMetrics
from application.reconcile import Reconciler, Repair
from entrypoints.security.log_scrubbing import short_key

log = structlog.get_logger("pasokh.reconciler")


class LoggedPasses:
    """Each repair is a reaction that had been lost: worth a warning and a count."""

    def __init__(self, metrics: PasokhMetrics) -> None:
        self._metrics = metrics

    def done(self, repairs: Sequence[Repair]) -> None:
        self._metrics.reconciler_passes.labels("ok").inc()
        for repair in repairs:
            self._metrics.reconciler_repairs.labels(repair.kind).inc()
            log.warning("repaired a lost reaction", kind=repair.kind,
                        session=short_key(repair.session_key), position=repair.position)

    def failed(self) -> None:
        self._metrics.reconciler_passes.labels("error").inc()


def start(reconciler: Reconciler, interval_seconds: float, report: LoggedPasses
          ) -> asyncio.Task[None]:
    return asyncio.get_running_loop().create_task(
        reconciler.run_forever(interval_seconds, report), name="pasokh-reconciler")


async def stop(task: asyncio.Task[None]) -> None:
    """Stop between passes or mid-pass; a repair already handed to the bus finishes there."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
