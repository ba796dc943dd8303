"""How the FAQ matcher learns that the catalog changed, without asking the database before
every message.

`CatalogVersionWatch` stands in front of the read models and remembers the catalog's version
for `recheck_seconds`; `CatalogAwarePublisher` sees every commit of this process and makes
the watch ask again at once when the catalog changed here. A change committed by another
instance (or by `pasokh faqs import`) is therefore seen within `recheck_seconds`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from application.ports import Publisher, ReadModels, RecordedEvent
from application.views import ChatView, QueueEntryView, SessionView
from domain.faq import FAQ
from domain.faq.catalog import CATALOG_STREAM

DEFAULT_RECHECK_SECONDS = 1.0


class CatalogVersionWatch:
    """ReadModels whose catalog_version is remembered for a moment; the rest is passed on."""

    def __init__(self, read_models: ReadModels, recheck_seconds: float = DEFAULT_RECHECK_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._read_models = read_models
        self._recheck_seconds = recheck_seconds
        self._clock = clock
        self._known: int | None = None
        self._checked_at = 0.0
        self._changes = 0
        self._asking = False

    def catalog_changed(self) -> None:
        self._known = None
        self._changes += 1

    async def catalog_version(self) -> int:
        now = self._clock()
        if self._known is not None and (now - self._checked_at < self._recheck_seconds
                                        or self._asking):
            return self._known  # fresh enough, or someone is already asking: no stampede
        changes = self._changes
        self._asking = True
        try:
            version = await self._read_models.catalog_version()
        finally:
            self._asking = False
        if self._changes == changes:  # no change was announced while we asked
            self._known, self._checked_at = version, now
        return version

    async def session(self, session_key: str, after_seq: int = 0) -> SessionView | None:
        return await self._read_models.session(session_key, after_seq)

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]:
        return await self._read_models.faqs(include_inactive)

    async def faq(self, faq_id: str) -> FAQ | None:
        return await self._read_models.faq(faq_id)

    async def queue(self) -> list[QueueEntryView]:
        return await self._read_models.queue()

    async def active_chats(self) -> list[ChatView]:
        return await self._read_models.active_chats()

    async def recent_waits(self, limit: int) -> list[float]:
        return await self._read_models.recent_waits(limit)


class CatalogAwarePublisher:
    """Tells the watch when a commit of this process changed the FAQ catalog."""

    def __init__(self, inner: Publisher, watch: CatalogVersionWatch) -> None:
        self._inner = inner
        self._watch = watch

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        if any(r.stream_id == CATALOG_STREAM for r in recorded):
            self._watch.catalog_changed()
        await self._inner.publish(recorded)
