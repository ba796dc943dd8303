"""An embedder for tests and demos with no model: texts that share character trigrams of
their normalised words get close vectors. It knows no meaning, only spelling; it makes the
dense path run (vectors stored, merged, decided on) with no model at all."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from application.ports import EmbeddingKind
from domain.text import normalize

DIMENSIONS = 256


class TrigramEmbedder:
    name = "trigram-hash-256"

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[str, ...], EmbeddingKind]] = []

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        self.calls.append((tuple(texts), kind))
        return [vector(text) for text in texts]


def vector(text: str) -> list[float]:
    counts = [0.0] * DIMENSIONS
    for word in normalize(text).split():
        padded = f" {word} "
        for start in range(max(1, len(padded) - 2)):
            digest = hashlib.blake2b(padded[start:start + 3].encode(), digest_size=4).digest()
            counts[int.from_bytes(digest, "little") % DIMENSIONS] += 1.0
    norm = math.sqrt(sum(c * c for c in counts)) or 1.0
    return [c / norm for c in counts]
