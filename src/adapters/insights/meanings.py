"""Questions grouped by meaning with the configured embedder (cosines of unit vectors)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from application.ports import Embedder, EmbedderUnavailable, SameAs

log = logging.getLogger("pasokh.insights")

SAME_MEANING_AT = 0.9  # cosine; multilingual E5 puts unrelated support questions near 0.8
BATCH = 64
REMEMBERED = 20_000  # wordings whose vectors are kept: the next report embeds only new ones


class EmbeddedQuestionMeanings:
    def __init__(self, embedder: Embedder, same_at: float = SAME_MEANING_AT) -> None:
        self._embedder = embedder
        self._same_at = same_at
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    async def similar(self, texts: Sequence[str]) -> SameAs | None:
        try:
            await self._embed_new(texts)
        except EmbedderUnavailable as error:
            log.warning("gaps grouped on words only: the embedder failed (%s)", error)
            return None
        matrix = np.stack([self._vectors[text] for text in texts]).astype(np.float32)

        def similar(i: int, leaders: Sequence[int]) -> int | None:
            if not leaders:
                return None
            cosines = matrix[list(leaders)] @ matrix[i]
            best = int(np.argmax(cosines))
            return best if float(cosines[best]) >= self._same_at else None

        return similar

    async def _embed_new(self, texts: Sequence[str]) -> None:
        new = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        for start in range(0, len(new), BATCH):
            batch = new[start:start + BATCH]
            for text, vector in zip(batch, await self._embedder.embed(batch, "query"),
                                    strict=True):
                self._vectors[text] = np.asarray(vector, dtype=np.float32)
        for text in texts:
            self._vectors.move_to_end(text)
        while len(self._vectors) > max(REMEMBERED, len(texts)):
            self._vectors.popitem(last=False)
