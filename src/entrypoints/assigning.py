"""CHAT_ASSIGNMENT=auto: a pass on a timer besides the ones events and desks trigger, for
what a lost trigger left waiting (a crash between a commit and its reaction, a turn not had
in time, an agent whose desk went offline with another instance)."""

from __future__ import annotations

import asyncio
import contextlib
import random

import structlog

from application import commands
from application.messagebus import MessageBus

log = structlog.get_logger("pasokh.assignment")


async def assign_forever(bus: MessageBus, interval_seconds: float) -> None:
    while True:
        await asyncio.sleep(interval_seconds * random.uniform(0.8, 1.2))  # noqa: S311
        try:
            given = await bus.handle(commands.AssignWaiting())
        except Exception:  # the store may be down; the next pass tries again
            log.exception("assignment pass failed")
            continue
        if given:
            log.info("assigned on the timer", count=len(given))


def start(bus: MessageBus, interval_seconds: float) -> asyncio.Task[None]:
    return asyncio.get_running_loop().create_task(assign_forever(bus, interval_seconds),
                                                  name="pasokh-assignment")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
