"""Canned responses in the canned_responses table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.database import Database
from adapters.sql.tables import canned_responses
from adapters.sql.upsert import upsert
from domain.canned import CannedResponse


class SqlCannedResponses:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[CannedResponse]:
        async def read(conn: AsyncConnection) -> list[Row[Any]]:
            return list(await conn.execute(select(canned_responses)))

        found = [CannedResponse(**row._mapping) for row in await self._db.reading(read)]
        return sorted(found, key=lambda r: (r.shortcut.casefold(), r.id))

    async def get(self, response_id: str) -> CannedResponse | None:
        async def read(conn: AsyncConnection) -> Row[Any] | None:
            return (await conn.execute(select(canned_responses).where(
                canned_responses.c.id == response_id))).first()

        row = await self._db.reading(read)
        return CannedResponse(**row._mapping) if row else None

    async def save(self, response: CannedResponse) -> None:
        async with self._db.connect() as conn, conn.begin():
            await upsert(conn, canned_responses, {"id": response.id, "shortcut": response.shortcut,
                                                  "text": response.text}, ["id"])

    async def remove(self, response_id: str) -> None:
        async with self._db.connect() as conn, conn.begin():
            await conn.execute(delete(canned_responses).where(
                canned_responses.c.id == response_id))
