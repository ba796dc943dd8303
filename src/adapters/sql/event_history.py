"""The events table read by position on a read-only connection, for insights."""

from __future__ import annotations

from adapters.sql.database import Database
from application.ports import RecordedEvent


class SqlEventHistory:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def read_after(self, position: int, limit: int) -> list[RecordedEvent]:
        # unbounded: the first request of an instance may read a long history
        async with self._database.read_unbounded() as conn:
            return await self._database.event_store(conn).read_all(position, limit)
