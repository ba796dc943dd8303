"""Answer a caller at a deadline even when the database never answers (a partition).

Cancelling a psycopg query in place first sends the server a cancel request, which a
server whose packets vanish never answers either: the caller would wait up to ten seconds
past the deadline. So the work runs in its own task; at the deadline the caller hears the
timeout at once, and the task is cancelled and left to unwind (its connection invalidated
or back in the pool), referenced until it has.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class Abandoned:
    """The work given up on, kept referenced until it has unwound."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    async def within(self, seconds: float, work: Coroutine[Any, Any, T],
                     timed_out: Callable[[], TimeoutError]) -> T:
        """work's result, or timed_out() at the deadline (work is then abandoned). A caller
        cancelled meanwhile abandons work too."""
        task = asyncio.get_running_loop().create_task(work)
        try:
            done, _ = await asyncio.wait({task}, timeout=seconds)
        except asyncio.CancelledError:
            self._abandon(task)
            raise
        if task in done:
            return task.result()
        self._abandon(task)
        raise timed_out()

    def __len__(self) -> int:
        return len(self._tasks)

    def _abandon(self, task: asyncio.Task[Any]) -> None:
        task.cancel()
        self._tasks.add(task)
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # its caller already heard that it timed out
