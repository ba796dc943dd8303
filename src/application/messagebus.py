"""Dispatches commands to their one handler, then events to their policies, after commit.

Policies run in background tasks owned by the bus, so a visitor's message is acknowledged
as soon as it is stored while the answer is still being worked out. A reaction lost to a
crash is found later by the reconciler, which hands the event back through `react`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from application.commands import Command
from application.handlers import (
    COMMAND_HANDLERS,
    EVENT_HANDLERS,
    CommandHandler,
    EventHandler,
    settled_in_commit,
)
from application.ports import RecordedEvent
from application.services import Services
from application.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class MessageBus:
    def __init__(
        self,
        services: Services,
        uow_factory: UnitOfWorkFactory,
        command_handlers: dict[type[Command], CommandHandler] | None = None,
        event_handlers: dict[type, list[EventHandler]] | None = None,
    ) -> None:
        self._services = services
        self._uow_factory = uow_factory
        self._command_handlers = command_handlers or COMMAND_HANDLERS
        self._event_handlers = event_handlers if event_handlers is not None else EVENT_HANDLERS
        self._tasks: set[asyncio.Task[Any]] = set()
        self._reacting: set[int] = set()  # positions of events whose policies are running

    async def handle(self, command: Command) -> Any:
        """Run the command's handler; its events' policies start in the background.

        A caller that is cancelled (a visitor who hangs up mid-send) does not cancel the
        command: once received it runs to its commit, and what it committed is reacted to.
        """
        work = asyncio.get_running_loop().create_task(self._dispatch(command))
        self._track(work)
        return await asyncio.shield(work)

    async def _dispatch(self, command: Command) -> Any:
        committed: list[RecordedEvent] = []
        handler = self._command_handlers[type(command)]
        try:
            return await handler(command, self._services_recording_into(committed))
        finally:
            self._react_later(committed)

    async def react(self, recorded: RecordedEvent) -> list[RecordedEvent]:
        """Run the policies of an event committed earlier, and of what they commit, now.

        Returns everything they committed: nothing when the reaction had been done already,
        or when this bus is still working on it (then it is left to that first run).
        """
        if recorded.position in self._reacting:
            return []
        self._reacting.add(recorded.position)
        work = asyncio.get_running_loop().create_task(self._react([recorded]))
        self._track(work)
        return await asyncio.shield(work)

    async def idle(self) -> None:
        """Wait until every policy started so far, and the ones they started, has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    @property
    def busy(self) -> int:
        return len(self._tasks)

    def _services_recording_into(self, committed: list[RecordedEvent]) -> Services:
        return replace(self._services, uow=lambda: self._uow_factory(committed.extend))

    def _react_later(self, recorded: Sequence[RecordedEvent]) -> None:
        settled = settled_in_commit(recorded, self._services)
        if settled:
            recorded = [r for r in recorded if r.position not in settled]
        if not recorded:
            return
        self._reacting.update(r.position for r in recorded)
        self._track(asyncio.get_running_loop().create_task(self._react(list(recorded))))

    def _track(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved here too: its caller may have gone away

    async def _react(self, pending: list[RecordedEvent]) -> list[RecordedEvent]:
        done: list[RecordedEvent] = []
        try:
            while pending:
                recorded = pending[0]
                for handler in self._event_handlers.get(type(recorded.event), []):
                    committed: list[RecordedEvent] = []
                    try:
                        await handler(recorded, self._services_recording_into(committed))
                    except Exception:  # one failing policy must not stop the others
                        log.exception("policy %s failed on %s at position %s",
                                      handler.__name__, type(recorded.event).__name__,
                                      recorded.position)
                    self._reacting.update(r.position for r in committed)
                    pending.extend(committed)
                    done.extend(committed)
                self._reacting.discard(pending.pop(0).position)
        finally:  # cancelled at shutdown: what is left is no longer being worked on here
            self._reacting.difference_update(r.position for r in pending)
        return done
