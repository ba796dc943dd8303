"""FAQ vectors on SQLite and PostgreSQL: kept per FAQ and model, replaced when recomputed."""

from __future__ import annotations

import numpy as np

from adapters.sql.faq_vectors import SqlFAQVectors
from application.ports import StoredVector
from tests.integration.stores.backends import Backend


def row(faq_id: str, text_hash: str, *values: float) -> StoredVector:
    return StoredVector(faq_id, text_hash, np.array(values, dtype="<f4").tobytes())


async def test_vectors_are_kept_per_model_and_replaced(sql: Backend) -> None:
    assert sql.db is not None
    store = SqlFAQVectors(sql.db)
    assert await store.load("m1") == {}
    await store.save("m1", [row("a", "h1", 0.6, 0.8), row("b", "h2", 1.0, 0.0)])
    await store.save("m2", [row("a", "h9", 0.0, 1.0)])
    await store.save("m1", [row("a", "h3", 0.8, 0.6)])  # recomputed after a change
    kept = await store.load("m1")
    assert set(kept) == {"a", "b"}
    assert kept["a"].text_hash == "h3"
    assert np.frombuffer(kept["a"].vector, dtype="<f4").tolist() == \
        np.array([0.8, 0.6], dtype="<f4").tolist()
    assert (await store.load("m2"))["a"].text_hash == "h9"
