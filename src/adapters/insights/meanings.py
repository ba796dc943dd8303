"""Questions grouped by meaning with the configured embedder (cosines of unit vectors)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from application.insights.gaps import Similar
from application.ports import Embedder, EmbedderUnavailable

log = logging.getLogger("pasokh.insights")

SAME_MEANING_AT = 0.9  # cosine; multilingual E5 puts unrelated support questions near 0.8
BATCH = 64


class EmbeddedQuestionMeanings:
    def __init__(self, embedder: Embedder, same_at: float = SAME_MEANING_AT) -> None:
        self._embedder = embedder
        self._same_at = same_at

    async def similar(self, texts: Sequence[str]) -> Similar | None:
        try:
            vectors = []
            for start in range(0, len(texts), BATCH):
                vectors += await self._embedder.embed(texts[start:start + BATCH], "query")
        except EmbedderUnavailable as error:
            log.warning("gaps grouped on words only: the embedder failed (%s)", error)
            return None
        matrix = np.asarray(vectors, dtype=np.float32)

        def similar(i: int, leaders: Sequence[int]) -> int | None:
            if not leaders:
                return None
            cosines = matrix[list(leaders)] @ matrix[i]
            best = int(np.argmax(cosines))
            return best if float(cosines[best]) >= self._same_at else None

        return similar
