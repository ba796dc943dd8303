"""Embeddings from any OpenAI-compatible endpoint (`OPENAI_EMBEDDING_MODEL` at
`OPENAI_BASE_URL`), with the official SDK; vectors are normalised to unit length."""

from __future__ import annotations

import math
from collections.abc import Sequence

import openai

from application.ports import EmbedderUnavailable, EmbeddingKind


class OpenAIEmbedder:
    def __init__(self, client: openai.AsyncOpenAI, model: str, timeout: float = 10.0) -> None:
        self._client = client
        self._model = model
        self._timeout = timeout
        self.name = f"openai:{model}"

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        if not texts:
            return []
        try:
            response = await self._client.embeddings.create(
                model=self._model, input=list(texts), timeout=self._timeout)
        except openai.OpenAIError as error:
            raise EmbedderUnavailable(f"the embeddings endpoint failed: {error}") from error
        rows = sorted(response.data, key=lambda row: row.index)
        if len(rows) != len(texts):
            raise EmbedderUnavailable(f"asked for {len(texts)} vectors, got {len(rows)}")
        return [_unit(row.embedding) for row in rows]

    async def aclose(self) -> None:
        await self._client.close()


def _unit(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector]
