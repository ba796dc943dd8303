"""The evidence for the answering decision, over the read model: FAQ candidates found by their
words (domain.faq_matching) and, with an embedder, by meaning.

The lexical index is brought up to date when the catalog changes: only the FAQs added,
changed or removed since are put into or taken out of it. The FAQ vectors follow in the
background: each FAQ's passage (domain.matching.passage) is embedded once per model and
text, kept in FAQVectors (so a restart, or another instance, re-embeds nothing), and joined
into one matrix; until an FAQ's vector is ready it is found by its words only.

The same text asked again gets the evidence found the first time, until the catalog
changes: visitors ask "what are your hours?" many times a day, word for word (ADR 0022).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple, TypeVar

import numpy as np

from application.ports import Embedder, EmbedderUnavailable, FAQVectors, ReadModels, StoredVector
from domain.answering import Candidate, DenseContext
from domain.faq import FAQ
from domain.faq_matching import FAQIndex
from domain.matching.passage import faq_passage, for_meaning

log = logging.getLogger("pasokh.matching")

PUTS_PER_TURN = 100
REMEMBERED_TEXTS = 4096  # the most recently asked texts whose evidence is kept
LONGEST_REMEMBERED = 300  # characters; longer texts are rarely asked twice word for word
LEXICAL_POOL = 5  # candidates found by words
DENSE_POOL = 5  # candidates found by meaning
EMBED_BATCH = 32  # FAQ passages embedded at a time
VECTORS_WAIT_SECONDS = 2.0  # how long a question waits for the vectors of a changed catalog


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


T = TypeVar("T")


class _Remembered(OrderedDict[str, T]):
    def recall(self, text: str) -> T | None:
        if text in self:
            self.move_to_end(text)
            return self[text]
        return None

    def keep(self, text: str, value: T) -> None:
        if len(text) <= LONGEST_REMEMBERED:
            self[text] = value
            if len(self) > REMEMBERED_TEXTS:
                self.popitem(last=False)


class _Similarities(NamedTuple):
    """One text's similarity to every FAQ vector, with the rows' FAQ ids as they were."""

    row_ids: list[str]
    rows: dict[str, int]
    values: np.ndarray


class IndexedFAQMatcher:
    """Keeps an FAQIndex (and, with an embedder, a matrix of FAQ vectors) in step with the
    catalog version, so every instance sees changes."""

    def __init__(self, read_models: ReadModels, embedder: Embedder | None = None,
                 vectors: FAQVectors | None = None) -> None:
        self._read_models = read_models
        self._embedder = embedder
        self._vectors = vectors
        self._index = FAQIndex()
        self._indexed: dict[str, FAQ] = {}
        self._version = -1
        self._lock = asyncio.Lock()
        self._lexical: _Remembered[list[Candidate]] = _Remembered()
        self._dense: _Remembered[_Similarities] = _Remembered()
        self._in_flight: dict[str, asyncio.Future[_Similarities]] = {}
        # the matrix of FAQ vectors, its rows' FAQ ids, and the hash each was made from
        self._matrix = np.zeros((0, 1), dtype=np.float32)
        self._row_ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._made_from: dict[str, str] = {}
        self._embedding: asyncio.Task[None] | None = None

    # -- the port ----------------------------------------------------------------------

    async def lexical(self, text: str) -> list[Candidate]:
        index = await self._current_index()  # forgets what was remembered when it changed
        found = self._lexical.recall(text)
        if found is None:
            explained = index.explain(text, LEXICAL_POOL)
            unknown = explained[0][1].unknown if explained else 1.0
            found = [Candidate(match.faq.id, match.confidence, None, evidence.query_coverage,
                               unknown, evidence.keyword) for match, evidence in explained]
            self._lexical.keep(text, found)
        return list(found)

    async def with_meaning(self, text: str, lexical: Sequence[Candidate]
                           ) -> tuple[list[Candidate], DenseContext] | None:
        if self._embedder is None:
            return None
        await self._current_index()
        await self._vectors_ready(VECTORS_WAIT_SECONDS)
        if not self._row_ids:
            return None
        remembered = self._dense.recall(text)
        if remembered is None:
            try:
                remembered = await self._similarities(text)
            except EmbedderUnavailable as error:
                log.warning("matching on words only: the embedder failed (%s)", error)
                return None
        row_ids, rows, similarities = remembered
        pool = min(DENSE_POOL + 1, len(row_ids))
        top = np.argpartition(-similarities, pool - 1)[:pool]
        top = top[np.argsort(-similarities[top])]
        best = float(similarities[top[0]])
        second = float(similarities[top[1]]) if len(top) > 1 else best
        context = DenseContext(best, second, float(np.median(similarities)))
        unknown = lexical[0].unknown if lexical else 1.0
        merged = [replace(c, dense=float(similarities[rows[c.faq_id]])
                          if c.faq_id in rows else None) for c in lexical]
        seen = {c.faq_id for c in merged}
        for row in top[:DENSE_POOL]:
            faq_id = row_ids[row]
            if faq_id not in seen and faq_id in self._indexed:
                merged.append(Candidate(faq_id, 0.0, float(similarities[row]), 0.0, unknown))
        return merged, context

    async def _similarities(self, text: str) -> _Similarities:
        """The text's similarity to every FAQ vector, computed once however many visitors
        ask the same text at the same moment (they wait for the one embedding under way)."""
        pending = self._in_flight.get(text)
        if pending is None:
            pending = asyncio.ensure_future(self._embed_query(text))
            self._in_flight[text] = pending
            pending.add_done_callback(lambda _: self._in_flight.pop(text, None))
        return await asyncio.shield(pending)

    async def _embed_query(self, text: str) -> _Similarities:
        assert self._embedder is not None
        [query] = await self._embedder.embed([for_meaning(text)], "query")
        # the matrix, its rows' ids and their positions as they are now, taken together
        found = _Similarities(self._row_ids, self._row_of,
                              self._matrix @ np.asarray(query, np.float32))
        self._dense.keep(text, found)
        return found

    async def faq(self, faq_id: str) -> FAQ | None:
        await self._current_index()
        faq = self._indexed.get(faq_id)
        return faq if faq is not None and faq.active else None

    async def active_faqs(self) -> list[FAQ]:
        await self._current_index()
        return [faq for faq in self._indexed.values() if faq.active]

    # -- keeping up with the catalog -----------------------------------------------------

    async def embedded(self) -> None:
        """Wait until every active FAQ has its vector (tests, start-up, `faqs reindex`)."""
        await self._current_index()
        while self._embedding is not None and not self._embedding.done():
            await asyncio.shield(self._embedding)

    async def _vectors_ready(self, seconds: float) -> None:
        """Wait a little for FAQ vectors being computed (a catalog just changed): a small
        catalog is ready within it, a large one is searched by meaning as far as it is."""
        task = self._embedding
        if task is None or task.done():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(task), seconds)

    async def close(self) -> None:
        task, self._embedding = self._embedding, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _current_index(self) -> FAQIndex:
        version = await self._read_models.catalog_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._lexical.clear()
                    self._dense.clear()
                    await self._catch_up()
                    self._lexical.clear()  # nothing matched against a half-built index
                    self._dense.clear()
                    self._version = version
                    self._start_embedding()
        return self._index

    async def _catch_up(self) -> None:
        """Put the FAQs that are new or changed, discard those gone or deactivated. Every
        PUTS_PER_TURN FAQs the event loop gets a turn, so a large catalog (10,000 FAQs take
        seconds to index) never freezes the other conversations of this instance."""
        wanted = {faq.id: faq for faq in await self._read_models.faqs()}
        for faq_id in [faq_id for faq_id in self._indexed if faq_id not in wanted]:
            self._index.discard(faq_id)
            del self._indexed[faq_id]
        changed = [faq for faq in wanted.values() if self._indexed.get(faq.id) != faq]
        for number, faq in enumerate(changed, start=1):
            self._index.put(faq)
            self._indexed[faq.id] = faq
            if number % PUTS_PER_TURN == 0:
                await asyncio.sleep(0)

    def _start_embedding(self) -> None:
        if self._embedder is None:
            return
        if self._embedding is not None and not self._embedding.done():
            self._embedding.cancel()  # a newer catalog: start over from what is stored
        self._embedding = asyncio.get_running_loop().create_task(
            self._embed_catalog(dict(self._indexed)), name="pasokh-faq-embedding")

    async def _embed_catalog(self, faqs: dict[str, FAQ]) -> None:
        """Bring the matrix to this catalog: stored vectors first, the rest embedded in
        batches (off the event loop, in the embedder) and stored for next time."""
        assert self._embedder is not None
        model = self._embedder.name
        hashes = {faq_id: text_hash(faq_passage(faq)) for faq_id, faq in faqs.items()}
        vectors: dict[str, np.ndarray] = {}
        for row, faq_id in enumerate(self._row_ids):  # what this process already has
            if faq_id in hashes and self._made_from.get(faq_id) == hashes[faq_id]:
                vectors[faq_id] = self._matrix[row]
        missing = [faq_id for faq_id in faqs if faq_id not in vectors]
        if missing and self._vectors is not None:
            stored = await self._vectors.load(model)
            for faq_id in missing:
                kept = stored.get(faq_id)
                if kept is not None and kept.text_hash == hashes[faq_id]:
                    vectors[faq_id] = np.frombuffer(kept.vector, dtype="<f4")
            missing = [faq_id for faq_id in missing if faq_id not in vectors]
        self._install(vectors, hashes)

        def arrived(made: dict[str, np.ndarray]) -> None:
            vectors.update(made)
            self._install(vectors, hashes)

        try:
            await embed_and_store(self._embedder, self._vectors,
                                  [faqs[faq_id] for faq_id in missing], arrived)
        except EmbedderUnavailable as error:
            log.warning("FAQ vectors not computed, retried at the next catalog change: %s",
                        error)
            return
        if missing:
            log.info("FAQ vectors computed: %d (model %s)", len(missing), model)

    def _install(self, vectors: dict[str, np.ndarray], hashes: dict[str, str]) -> None:
        ids = [faq_id for faq_id in vectors if faq_id in hashes]
        if not ids:
            self._matrix, self._row_ids, self._made_from = np.zeros((0, 1), np.float32), [], {}
            self._row_of = {}
            self._dense.clear()
            return
        self._matrix = np.stack([vectors[i] for i in ids]).astype(np.float32)
        self._row_ids = ids
        self._row_of = {faq_id: row for row, faq_id in enumerate(ids)}
        self._made_from = {i: hashes[i] for i in ids}
        self._dense.clear()


async def embed_and_store(embedder: Embedder, store: FAQVectors | None, faqs: Sequence[FAQ],
                          arrived: Callable[[dict[str, np.ndarray]], None] | None = None,
                          progress: Callable[[int, int], None] | None = None) -> int:
    """Embed the FAQs' passages in batches and store each batch's vectors (with the hash of
    the text they were made from) as it arrives. Raises EmbedderUnavailable."""
    done = 0
    for start in range(0, len(faqs), EMBED_BATCH):
        batch = faqs[start:start + EMBED_BATCH]
        passages = [faq_passage(faq) for faq in batch]
        found = await embedder.embed(passages, "passage")
        made = {faq.id: np.asarray(v, dtype=np.float32)
                for faq, v in zip(batch, found, strict=True)}
        if store is not None:
            await store.save(embedder.name, [
                StoredVector(faq.id, text_hash(passage), made[faq.id].astype("<f4").tobytes())
                for faq, passage in zip(batch, passages, strict=True)])
        if arrived is not None:
            arrived(made)
        done += len(batch)
        if progress is not None:
            progress(done, len(faqs))
    return done
