"""FAQ embeddings kept in memory: lost on exit (the `memory` storage and tests)."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports import StoredVector


class InMemoryFAQVectors:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], StoredVector] = {}
        self.saved = 0

    async def load(self, model: str) -> dict[str, StoredVector]:
        return {faq_id: row for (m, faq_id), row in self._rows.items() if m == model}

    async def save(self, model: str, vectors: Sequence[StoredVector]) -> None:
        for row in vectors:
            self._rows[(model, row.faq_id)] = row
        self.saved += len(vectors)
