"""Canned responses: written within a message's limits, shortcuts unique whatever the case."""

from __future__ import annotations

import pytest

from adapters.memory.canned import InMemoryCannedResponses
from application import canned
from application.canned import CannedResponseNotFound
from domain.canned import CannedResponse, DuplicateShortcut, InvalidCannedResponse
from tests.features.harness import SimpleIds


def test_a_canned_response_is_trimmed_and_its_shortcut_loses_a_typed_slash() -> None:
    assert CannedResponse.written("c1", " /سلام ", "  درود، چطور کمک کنم؟ ") == \
        CannedResponse("c1", "سلام", "درود، چطور کمک کنم؟")


@pytest.mark.parametrize(("shortcut", "text", "field"), [
    ("", "hi", "shortcut"), ("two words", "hi", "shortcut"), ("x" * 33, "hi", "shortcut"),
    ("hi", "   ", "text"), ("hi", "x" * 4001, "text"), ("hi", "bad \x00 byte", "text"),
])
def test_out_of_limits_is_refused_naming_the_field(shortcut: str, text: str,
                                                    field: str) -> None:
    with pytest.raises(InvalidCannedResponse) as refused:
        CannedResponse.written("c1", shortcut, text)
    assert refused.value.field == field


def test_the_limits_themselves_are_accepted() -> None:
    kept = CannedResponse.written("c1", "x" * 32, "y" * 4000)
    assert (len(kept.shortcut), len(kept.text)) == (32, 4000)


async def test_shortcuts_are_unique_whatever_the_case_and_an_update_keeps_its_own() -> None:
    store, ids = InMemoryCannedResponses(), SimpleIds()
    hello = await canned.add(store, ids, "hello", "Hello!")
    with pytest.raises(DuplicateShortcut):
        await canned.add(store, ids, "HELLO", "Hi!")
    updated = await canned.update(store, hello.id, "Hello", "Hello, how can I help?")
    assert await store.all() == [updated]
    other = await canned.add(store, ids, "bye", "Goodbye!")
    with pytest.raises(DuplicateShortcut):
        await canned.update(store, other.id, "hello", "Goodbye!")
    await canned.remove(store, other.id)
    with pytest.raises(CannedResponseNotFound):
        await canned.remove(store, other.id)
    with pytest.raises(CannedResponseNotFound):
        await canned.update(store, "nope", "x", "y")
