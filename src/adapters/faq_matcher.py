"""FAQ matching over the read model, with the index brought up to date when the catalog
changes: only the FAQs added, changed or removed since are put into or taken out of it.

The same text asked again gets the answer found the first time, until the catalog changes:
visitors ask "what are your hours?" many times a day, word for word, and matching is the
largest share of the CPU an FAQ answer costs (ADR 0022)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from application.ports import FAQSuggestion, ReadModels
from domain.faq import FAQ
from domain.faq_matching import FAQIndex

DEFAULT_THRESHOLD = 0.5
PUTS_PER_TURN = 100
REMEMBERED_TEXTS = 4096  # the most recently asked texts whose best match is kept
LONGEST_REMEMBERED = 300  # characters; longer texts are rarely asked twice word for word


class IndexedFAQMatcher:
    """Keeps an FAQIndex in step with the catalog version, so every instance sees changes."""

    def __init__(self, read_models: ReadModels, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._read_models = read_models
        self._threshold = threshold
        self._index = FAQIndex()
        self._indexed: dict[str, FAQ] = {}
        self._version = -1
        self._lock = asyncio.Lock()
        self._answered: OrderedDict[str, FAQSuggestion | None] = OrderedDict()

    async def best_match(self, text: str) -> FAQSuggestion | None:
        index = await self._current_index()  # clears what was remembered when it changed
        if text in self._answered:
            self._answered.move_to_end(text)
            return self._answered[text]
        match = index.best(text, self._threshold)
        suggestion = FAQSuggestion(match.faq, match.confidence) if match else None
        if len(text) <= LONGEST_REMEMBERED:
            self._answered[text] = suggestion
            if len(self._answered) > REMEMBERED_TEXTS:
                self._answered.popitem(last=False)
        return suggestion

    async def suggestions(self, text: str, limit: int = 3) -> list[FAQSuggestion]:
        index = await self._current_index()
        return [FAQSuggestion(m.faq, m.confidence) for m in index.rank(text, limit)]

    async def _current_index(self) -> FAQIndex:
        version = await self._read_models.catalog_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._answered.clear()
                    await self._catch_up()
                    self._answered.clear()  # nothing matched against a half-built index
                    self._version = version
        return self._index

    async def _catch_up(self) -> None:
        """Put the FAQs that are new or changed, discard those gone or deactivated. Every
        PUTS_PER_TURN FAQs the event loop gets a turn, so a large catalog (10,000 FAQs take
        seconds to index) never freezes the other conversations of this instance."""
        wanted = {view.id: FAQ(view.id, view.question, view.answer, tuple(view.keywords),
                               view.category, view.priority, view.active)
                  for view in await self._read_models.faqs()}
        for faq_id in [faq_id for faq_id in self._indexed if faq_id not in wanted]:
            self._index.discard(faq_id)
            del self._indexed[faq_id]
        changed = [faq for faq in wanted.values() if self._indexed.get(faq.id) != faq]
        for number, faq in enumerate(changed, start=1):
            self._index.put(faq)
            self._indexed[faq.id] = faq
            if number % PUTS_PER_TURN == 0:
                await asyncio.sleep(0)
