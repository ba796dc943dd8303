"""Answers streamed through the real SDK from a fake server that streams: the answer field
reaches the sink as it is written; the whole reply still decides."""

from __future__ import annotations

import pytest

from application.ports import ResponderUnavailable
from tests.integration.openai.conftest import GeneratorFactory
from tests.integration.openai.fake_server import FakeOpenAIServer, Reply, answer, failure
from tests.integration.openai.samples import PERSIAN_QUESTION, QUESTION, SUGGESTIONS

PERSIAN_ANSWER = "بله، شنبه‌ها از ساعت ۹ صبح تا ۵ عصر باز هستیم. \"نوبت\" لازم نیست."


def streamed(reply: Reply, piece_chars: int = 5) -> Reply:
    return Reply(reply.status, reply.body, reply.headers, piece_chars=piece_chars)


async def test_the_answer_arrives_in_pieces_and_whole_with_its_judgement_and_usage(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(streamed(answer(PERSIAN_ANSWER, 0.83, faq_id="hours", cited=["hours"],
                                         prompt_tokens=400, completion_tokens=60)))
    pieces: list[str] = []

    async def sink(text: str) -> None:
        pieces.append(text)

    draft = await make_generator().draft_reply(PERSIAN_QUESTION, [], SUGGESTIONS, on_text=sink)
    assert "".join(pieces) == PERSIAN_ANSWER
    assert len(pieces) > 5  # it grew while written
    assert (draft.text, draft.confidence, draft.faq_id, draft.citations) == (
        PERSIAN_ANSWER, 0.83, "hours", ("hours",))
    assert (draft.prompt_tokens, draft.completion_tokens) == (400, 60)
    [request] = openai_server.requests
    assert request.body["stream"] is True
    assert request.body["stream_options"] == {"include_usage": True}


async def test_without_a_sink_nothing_is_streamed(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes.", 0.9))
    draft = await make_generator().draft_reply(QUESTION, [], SUGGESTIONS)
    assert draft.text == "Yes."
    assert "stream" not in openai_server.requests[0].body


async def test_a_failure_before_any_words_is_retried_and_then_streamed(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(failure(503), streamed(answer("We open at nine.", 0.9)))
    pieces: list[str] = []

    async def sink(text: str) -> None:
        pieces.append(text)

    draft = await make_generator().draft_reply(QUESTION, [], SUGGESTIONS, on_text=sink)
    assert "".join(pieces) == draft.text == "We open at nine."
    assert len(openai_server.requests) == 2


async def test_a_streamed_reply_cut_off_at_the_token_limit_fails_as_before(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    cut = answer("We open at", 0.9)
    cut.body["choices"][0]["finish_reason"] = "length"
    openai_server.script(streamed(cut))

    async def sink(text: str) -> None:
        pass

    with pytest.raises(ResponderUnavailable, match="MalformedReply"):
        await make_generator().draft_reply(QUESTION, [], SUGGESTIONS, on_text=sink)
