"""Group commit: the appends that arrive while a transaction is being written share the next
one, so many conversations pay for one lock hold, one version check, one multi-row insert,
one set of read-model writes and one durable commit.

One writer task per process and event loop takes every waiting request (up to a bound),
checks all their expected versions at once under the append lock, inserts the events of the
requests that still hold in one statement (SqlEventStore.append_checked; on PostgreSQL the
lock, the check and the insert usually go in one round trip), projects them, commits, and
only then answers
each request with its own recorded events (or ConcurrencyError). A batch that fails for
anything but an outage (a unique key taken by another process, a value the database
refuses) is retried one request per transaction, so each request gets its own answer and no
request's data can fail another's write.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.deadline import Abandoned
from adapters.sql.event_store import SqlEventStore
from adapters.sql.outages import StorageTimedOut, is_outage
from adapters.sql.projection import project_into
from application.ports import Append, ConcurrencyError, RecordedEvent

DEFAULT_MAX_BATCH = 256


class CommitTimedOut(StorageTimedOut):
    """The database did not answer a group commit in time: an outage (`unavailable`)."""


@dataclass
class _Request:
    appends: Sequence[Append]
    metadata: dict[str, Any]
    answer: asyncio.Future[list[RecordedEvent]]
    recorded: list[RecordedEvent] = field(default_factory=list)

    def resolve(self, outcome: list[RecordedEvent] | BaseException) -> None:
        if self.answer.done():
            return
        if isinstance(outcome, BaseException):
            self.answer.set_exception(outcome)
        else:
            self.answer.set_result(outcome)


class GroupCommitter:
    def __init__(self, connect: Callable[[], AsyncConnection],
                 event_store: Callable[[AsyncConnection], SqlEventStore],
                 max_batch: int = DEFAULT_MAX_BATCH,
                 on_batch: Callable[[int, float], None] | None = None,
                 deadline: float | None = None) -> None:
        """connect() opens a connection that may write; event_store(conn) is the backend's
        store on it. on_batch(commits, seconds) is told of every transaction written. A
        transaction still unanswered after `deadline` seconds fails its requests as an
        outage."""
        self._connect = connect
        self._event_store = event_store
        self.on_batch = on_batch
        self.deadline = deadline
        self._abandoned = Abandoned()
        self._max_batch = max_batch
        self._waiting: list[_Request] = []
        self._wake: asyncio.Event | None = None
        self._writer: asyncio.Task[None] | None = None
        self.batches = 0  # transactions written, for benchmarks and tests
        self.requests = 0

    async def write(self, appends: Sequence[Append], metadata: dict[str, Any]
                    ) -> list[RecordedEvent]:
        """Store the appends durably, with their read models; their recorded events."""
        if not appends:
            return []
        loop = asyncio.get_running_loop()
        request = _Request(appends, dict(metadata), loop.create_future())
        self._waiting.append(request)
        self._start(loop)
        assert self._wake is not None
        self._wake.set()
        return await request.answer

    async def close(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and not writer.done():
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._writer is not None and not self._writer.done() \
                and self._writer.get_loop() is loop:
            return
        self._wake = asyncio.Event()
        self._writer = loop.create_task(self._run(), name="pasokh-group-commit")

    async def _run(self) -> None:
        assert self._wake is not None
        batch: list[_Request] = []
        try:
            while True:
                if not self._waiting:
                    self._wake.clear()
                    await self._wake.wait()
                    continue
                batch = self._waiting[:self._max_batch]
                del self._waiting[:self._max_batch]
                await self._write(batch)
                batch = []
        finally:  # cancelled (shutdown) or broken: nobody may wait forever
            stopped = RuntimeError("the event store writer stopped")
            for request in [*batch, *self._waiting]:
                request.resolve(stopped)
            self._waiting.clear()

    async def _write(self, batch: list[_Request]) -> None:
        try:
            await self._transaction_in_time(batch)
        except Exception as error:
            if is_outage(error):  # unreachable: every request fails (one by one would wait
                # longer for the same answer)
                for request in batch:
                    request.resolve(error)
                return
            pending = [request for request in batch if not request.answer.done()]
            if len(pending) > 1:  # one request's data (a version a racing process took,
                for request in pending:  # a text the database refuses): find out whose
                    if not request.answer.done():
                        await self._write([request])
                return
            for request in pending:
                request.resolve(ConcurrencyError.unique_key_taken()
                                if isinstance(error, IntegrityError) else error)
            return
        for request in batch:
            request.resolve(request.recorded)

    async def _transaction_in_time(self, batch: list[_Request]) -> None:
        """The transaction, or CommitTimedOut at the deadline. The callers are answered at
        once; the transaction is cancelled and unwinds on its own (adapters.sql.deadline).
        Whether it committed is then unknown, so the callers are told `unavailable`: a
        resend with the same client_id is stored once either way."""
        if self.deadline is None:
            await self._transaction(batch)
            return
        await self._abandoned.within(self.deadline, self._transaction(batch), self._timed_out)

    def _timed_out(self) -> CommitTimedOut:
        return CommitTimedOut(f"the database did not answer within {self.deadline:g} s")

    async def _transaction(self, batch: list[_Request]) -> None:
        batch = [request for request in batch if not request.answer.done()]  # given up on
        began = time.perf_counter()
        async with self._connect() as conn, conn.begin():
            conflicts, recorded = await self._event_store(conn).append_checked(
                [(request.appends, request.metadata) for request in batch])
            accepted: list[_Request] = []
            for request, conflict in zip(batch, conflicts, strict=True):
                if conflict is not None:
                    request.resolve(conflict)
                    continue
                accepted.append(request)
            await project_into(conn, recorded)
        self.batches += 1
        self.requests += len(accepted)
        if self.on_batch is not None:
            self.on_batch(len(batch), time.perf_counter() - began)
        start = 0
        for request in accepted:
            count = sum(len(a.events) for a in request.appends)
            request.recorded = recorded[start:start + count]
            start += count
