"""Gaps grouped by meaning with an embedder: cosines of the wordings' vectors."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.insights.meanings import EmbeddedQuestionMeanings
from application.insights.gaps import Asked, group
from application.ports import EmbedderUnavailable, EmbeddingKind

SHIPPING = (1.0, 0.0, 0.0)
NEAR_SHIPPING = (0.95, 0.312, 0.0)  # cosine 0.95 with SHIPPING
PAYING = (0.0, 0.0, 1.0)


class VectorsByText:
    name = "fake"

    def __init__(self, vectors: dict[str, tuple[float, ...]], fail: bool = False) -> None:
        self.vectors = vectors
        self.fail = fail
        self.embedded: list[str] = []

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        if self.fail:
            raise EmbedderUnavailable("down")
        self.embedded += texts
        return [self.vectors[text] for text in texts]


ASKED = [Asked("Do you ship to Canada?", 3, 0), Asked("Can I pay with bitcoin?", 2, 0),
         Asked("Is delivery to Toronto possible?", 2, 1)]
VECTORS = {"Do you ship to Canada?": SHIPPING, "Can I pay with bitcoin?": PAYING,
           "Is delivery to Toronto possible?": NEAR_SHIPPING}


async def test_wordings_close_in_meaning_join_one_group() -> None:
    meanings = EmbeddedQuestionMeanings(VectorsByText(VECTORS))

    similar = await meanings.similar([a.text for a in ASKED])
    gaps = group(ASKED, similar)

    assert [(g.label, g.count, g.escalated) for g in gaps] == [
        ("Do you ship to Canada?", 5, 1), ("Can I pay with bitcoin?", 2, 0)]


async def test_a_wording_is_embedded_once_across_reports() -> None:
    embedder = VectorsByText(VECTORS)
    meanings = EmbeddedQuestionMeanings(embedder)

    await meanings.similar([a.text for a in ASKED])
    await meanings.similar([a.text for a in ASKED])

    assert sorted(embedder.embedded) == sorted(VECTORS)


async def test_without_the_embedder_grouping_falls_back_on_words() -> None:
    meanings = EmbeddedQuestionMeanings(VectorsByText(VECTORS, fail=True))

    assert await meanings.similar([a.text for a in ASKED]) is None
