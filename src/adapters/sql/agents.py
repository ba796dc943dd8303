"""Agent accounts in the agents table."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.database import Database
from adapters.sql.tables import agents
from adapters.sql.upsert import upsert
from application.ports import AgentAccount


class SqlAgentAccounts:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, username: str) -> AgentAccount | None:
        async def read(conn: AsyncConnection) -> Row[Any] | None:
            return (await conn.execute(
                select(agents).where(agents.c.username == username))).first()

        row = await self._db.reading(read)
        return AgentAccount(**row._mapping) if row else None

    async def all(self) -> list[AgentAccount]:
        async def read(conn: AsyncConnection) -> list[Row[Any]]:
            return list(await conn.execute(select(agents).order_by(agents.c.username)))

        return [AgentAccount(**row._mapping) for row in await self._db.reading(read)]

    async def save(self, account: AgentAccount) -> None:
        """Insert a new account or replace the stored one."""
        async with self._db.connect() as conn, conn.begin():
            await upsert(conn, agents, asdict(account), ["username"])

    async def remove(self, username: str) -> None:
        async with self._db.connect() as conn, conn.begin():
            await conn.execute(delete(agents).where(agents.c.username == username))
