"""The handoff summary written by the model on the local OpenAI-compatible server replaces
the one built from the conversation; a failing, slow or empty model leaves the built one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from adapters.openai import openai_client
from adapters.openai.summarizer import OpenAIHandoffSummarizer
from application import commands as c
from application.ports import SummaryUnavailable, Turn
from application.services import ChatRules
from domain.faq import FAQContent
from domain.session_events import HandoffSummarized
from tests.integration.openai.conftest import API_KEY
from tests.integration.openai.fake_server import (
    FakeOpenAIServer,
    Reply,
    completion,
    failure,
)
from tests.unit.fakes import build_app

LINE = "The visitor was charged twice for order 5521 and wants a refund."
BUILT = "[keyword:پرداخت] I was charged twice for order 5521 / مشکل پرداخت دارم"

SummarizerFactory = Callable[[], OpenAIHandoffSummarizer]


@pytest.fixture
async def make_summarizer(openai_server: FakeOpenAIServer
                          ) -> AsyncIterator[SummarizerFactory]:
    made: list[OpenAIHandoffSummarizer] = []

    def make() -> OpenAIHandoffSummarizer:
        client = openai_client(API_KEY, openai_server.base_url, 5.0)
        made.append(OpenAIHandoffSummarizer(client, "pasokh-test-model", 5.0))
        return made[-1]

    yield make
    for summarizer in made:
        await summarizer.aclose()


async def summary_after_escalating(summarizer: OpenAIHandoffSummarizer,
                                   deadline: float = 2.0) -> HandoffSummarized:
    app = build_app(summarizer=summarizer, rules=ChatRules(summary_deadline_seconds=deadline))
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.AddFAQ(FAQContent("When are you open?", "From 9 to 17.", ("open",))))
    for text in ("I was charged twice for order 5521", "مشکل پرداخت دارم"):
        await app.bus.handle(c.PostVisitorMessage(key, text))
        await app.bus.idle()
    *_, event = [r.event for r in app.log.streams[f"session-{key}"]
                 if isinstance(r.event, HandoffSummarized)]
    [entry] = await app.read_models.queue()
    assert entry.summary == event.summary
    return event


async def test_the_model_writes_the_summary_from_the_conversation(
        openai_server: FakeOpenAIServer, make_summarizer: SummarizerFactory) -> None:
    openai_server.script(completion(f"  {LINE}\n"))
    summarizer = make_summarizer()
    turns = [Turn("user", "I was charged twice for order 5521"), Turn("bot", "Sorry!")]
    assert await summarizer.summarize("keyword:پرداخت", turns) == LINE
    [request] = openai_server.requests
    assert "what the visitor wants" in request.content("system")
    assert "Visitor: I was charged twice for order 5521" in request.content("user")
    assert "keyword:پرداخت" in request.content("user")
    assert request.body["model"] == "pasokh-test-model"


async def test_through_the_bus_the_models_line_reaches_the_queue(
        openai_server: FakeOpenAIServer, make_summarizer: SummarizerFactory) -> None:
    openai_server.script(completion(LINE))
    event = await summary_after_escalating(make_summarizer())
    assert (event.summary, event.by) == (LINE, "model")


@pytest.mark.parametrize("reply", [failure(500), failure(401), completion(""),
                                   completion(None, refusal="I cannot help with that")])
async def test_a_failing_model_leaves_the_built_summary(
        openai_server: FakeOpenAIServer, make_summarizer: SummarizerFactory,
        reply: Reply) -> None:
    openai_server.script(reply)
    event = await summary_after_escalating(make_summarizer())
    assert (event.summary, event.by) == (BUILT, "conversation")
    assert len(openai_server.requests) == 1  # no retries: the agent is waiting


async def test_a_model_slower_than_the_deadline_leaves_the_built_summary(
        openai_server: FakeOpenAIServer, make_summarizer: SummarizerFactory) -> None:
    openai_server.script(Reply(body=completion(LINE).body, delay_seconds=3.0))
    event = await summary_after_escalating(make_summarizer(), deadline=0.2)
    assert (event.summary, event.by) == (BUILT, "conversation")


async def test_a_failure_is_reported_as_summary_unavailable(
        openai_server: FakeOpenAIServer, make_summarizer: SummarizerFactory) -> None:
    openai_server.script(failure(503))
    with pytest.raises(SummaryUnavailable):
        await make_summarizer().summarize("ai_error", [Turn("user", "hello")])
