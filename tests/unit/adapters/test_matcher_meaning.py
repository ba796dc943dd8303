"""The matcher's dense side: FAQ vectors are computed once per model and text, kept in
FAQVectors so a restart embeds nothing, merged with the lexical candidates, and a failing
embedder leaves matching on words."""

from __future__ import annotations

from collections.abc import Sequence

from tests.unit.adapters.test_indexed_matcher import Catalog

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.embedder import TrigramEmbedder
from adapters.memory.faq_vectors import InMemoryFAQVectors
from application.ports import EmbedderUnavailable, EmbeddingKind
from domain.faq import FAQ, FAQContent

HOURS = FAQ("hours", FAQContent("What are your opening hours?", "9 to 5.", ("hours",)))
PARKING = FAQ("parking", FAQContent("Is there parking at the clinic?", "Street parking only.",
                                    ("parking",)))
REFUND = FAQ("refund", FAQContent("How do I get a refund?", "Within 14 days.", ("refund",)))


def passages(embedder: TrigramEmbedder) -> int:
    return sum(len(texts) for texts, kind in embedder.calls if kind == "passage")


async def test_faq_vectors_are_computed_once_and_a_restart_embeds_nothing() -> None:
    catalog, store = Catalog([HOURS, PARKING, REFUND]), InMemoryFAQVectors()
    first = TrigramEmbedder()
    matcher = IndexedFAQMatcher(catalog, first, store)
    await matcher.embedded()
    assert passages(first) == 3 and store.saved == 3

    again = TrigramEmbedder()  # a restart, or another instance
    restarted = IndexedFAQMatcher(catalog, again, store)
    await restarted.embedded()
    assert passages(again) == 0
    merged = await restarted.with_meaning("parking at the clinic", [])
    assert merged is not None and merged[0][0].faq_id == "parking"

    catalog.listed = [HOURS.edited(answer="8 to 6."), PARKING, REFUND]  # one FAQ changed
    catalog.version = 2
    await restarted.embedded()
    assert passages(again) == 1 and store.saved == 4


async def test_candidates_by_words_and_by_meaning_are_merged() -> None:
    matcher = IndexedFAQMatcher(Catalog([HOURS, PARKING, REFUND]), TrigramEmbedder(),
                                InMemoryFAQVectors())
    await matcher.embedded()
    lexical = await matcher.lexical("refund please")
    assert [c.faq_id for c in lexical][:1] == ["refund"]
    merged, context = await matcher.with_meaning("refund please", lexical) or ([], None)
    assert context is not None
    by_id = {c.faq_id: c for c in merged}
    assert set(by_id) == {"hours", "parking", "refund"}  # five closest by meaning, at most
    assert by_id["refund"].lexical == lexical[0].lexical and by_id["refund"].dense is not None
    assert by_id["refund"].dense == max(c.dense or 0 for c in merged) == context.best
    assert all(c.dense is not None for c in merged)


class Broken:
    name = "broken"

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        raise EmbedderUnavailable("down")


async def test_without_a_working_embedder_matching_stays_on_words() -> None:
    matcher = IndexedFAQMatcher(Catalog([HOURS, PARKING]), Broken(), InMemoryFAQVectors())
    await matcher.embedded()
    assert await matcher.with_meaning("parking?", await matcher.lexical("parking?")) is None
    assert [c.faq_id for c in await matcher.lexical("parking?")][:1] == ["parking"]
    no_embedder = IndexedFAQMatcher(Catalog([HOURS]))
    assert await no_embedder.with_meaning("hours", []) is None


async def test_the_model_reads_persian_letters_where_an_arabic_keyboard_typed_its_own() -> None:
    embedder = TrigramEmbedder()
    matcher = IndexedFAQMatcher(Catalog([HOURS]), embedder, InMemoryFAQVectors())
    await matcher.embedded()
    await matcher.with_meaning("ساعت كاري", [])
    assert (("ساعت کاری",), "query") in embedder.calls
