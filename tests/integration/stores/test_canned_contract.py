"""Canned responses: the same contract in memory and in SQL."""

from __future__ import annotations

from adapters.memory.canned import InMemoryCannedResponses
from adapters.sql.canned import SqlCannedResponses
from application.ports import CannedResponses
from domain.canned import CannedResponse
from tests.integration.stores.backends import Backend


def store_of(backend: Backend) -> CannedResponses:
    return SqlCannedResponses(backend.db) if backend.db else InMemoryCannedResponses()


async def test_saved_listed_by_shortcut_replaced_and_removed(backend: Backend) -> None:
    store = store_of(backend)
    thanks = CannedResponse("c1", "thanks", "ممنون از صبر شما 🌷")
    hours = CannedResponse("c2", "Hours", "We are open 9 to 17.")
    await store.save(thanks)
    await store.save(hours)
    assert await store.all() == [hours, thanks]
    assert await store.get("c1") == thanks and await store.get("nope") is None
    renamed = CannedResponse("c1", "ty", "Thank you!")
    await store.save(renamed)
    assert await store.all() == [hours, renamed]
    await store.remove("c2")
    await store.remove("c2")  # already gone: nothing to do
    assert await store.all() == [renamed]
