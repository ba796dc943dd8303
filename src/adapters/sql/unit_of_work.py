"""Unit of work over one SQL connection and transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncTransaction

from adapters.sql.database import Database
from adapters.sql.read_models import SqlReadModelWriter
from application.ports import ConcurrencyError, Publisher, RecordedEvent
from application.projections import project
from application.unit_of_work import AbstractUnitOfWork, OnCommit


class SqlUnitOfWork(AbstractUnitOfWork):
    def __init__(self, db: Database, publisher: Publisher,
                 on_commit: OnCommit | None = None) -> None:
        super().__init__(publisher, on_commit)
        self._db = db
        self._conn: AsyncConnection | None = None
        self._transaction: AsyncTransaction | None = None

    async def commit(self) -> list[RecordedEvent]:
        try:
            return await super().commit()
        except IntegrityError as error:  # a racing writer got a unique key (stream version,
            raise ConcurrencyError(str(error.orig)) from error  # client_id) first: retry

    async def _begin(self) -> None:
        self._conn = await self._db.connect().start()
        try:
            self._transaction = await self._conn.begin()
        except BaseException:
            await self._conn.close()
            raise
        self.events = self._db.event_store(self._conn)

    async def _project(self, recorded: Sequence[RecordedEvent]) -> None:
        assert self._conn is not None
        await project(SqlReadModelWriter(self._conn), recorded)

    async def _commit(self) -> None:
        assert self._transaction is not None
        await self._transaction.commit()

    async def _rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            await self._transaction.rollback()

    async def _end(self) -> None:
        if self._conn is not None:
            await self._conn.close()
        self._conn = self._transaction = None
