"""FAQ matching over the read model, with the index rebuilt only when the catalog changes."""

from __future__ import annotations

import asyncio

from application.ports import FAQSuggestion, ReadModels
from domain.faq import FAQ
from domain.faq_matching import FAQIndex

DEFAULT_THRESHOLD = 0.5


class IndexedFAQMatcher:
    """Keeps an FAQIndex in step with the catalog version, so every instance sees changes."""

    def __init__(self, read_models: ReadModels, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._read_models = read_models
        self._threshold = threshold
        self._index = FAQIndex()
        self._version = -1
        self._lock = asyncio.Lock()

    async def best_match(self, text: str) -> FAQSuggestion | None:
        index = await self._current_index()
        match = index.best(text, self._threshold)
        return FAQSuggestion(match.faq, match.confidence) if match else None

    async def suggestions(self, text: str, limit: int = 3) -> list[FAQSuggestion]:
        index = await self._current_index()
        return [FAQSuggestion(m.faq, m.confidence) for m in index.rank(text, limit)]

    async def _current_index(self) -> FAQIndex:
        version = await self._read_models.catalog_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._index = await self._build()
                    self._version = version
        return self._index

    async def _build(self) -> FAQIndex:
        index = FAQIndex()
        for view in await self._read_models.faqs():
            index.put(FAQ(view.id, view.question, view.answer, tuple(view.keywords),
                          view.category, view.priority, view.active))
        return index
