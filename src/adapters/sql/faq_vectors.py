"""FAQ embeddings in the faq_vectors table, by FAQ and model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.database import Database
from adapters.sql.tables import faq_vectors
from adapters.sql.upsert import upsert
from application.ports import StoredVector


class SqlFAQVectors:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, model: str) -> dict[str, StoredVector]:
        async def read(conn: AsyncConnection) -> list[Any]:
            return list(await conn.execute(
                select(faq_vectors.c.faq_id, faq_vectors.c.text_hash, faq_vectors.c.vector)
                .where(faq_vectors.c.model == model)))

        rows = await self._db.reading(read)
        return {row.faq_id: StoredVector(row.faq_id, row.text_hash, bytes(row.vector))
                for row in rows}

    async def save(self, model: str, vectors: Sequence[StoredVector]) -> None:
        if not vectors:
            return
        async with self._db.connect() as conn, conn.begin():
            for row in vectors:
                await upsert(conn, faq_vectors, {"faq_id": row.faq_id, "model": model,
                                                 "text_hash": row.text_hash,
                                                 "vector": row.vector}, ["faq_id", "model"])
