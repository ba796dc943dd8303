"""Timeouts, rate limits and server errors: bounded retries, then ResponderUnavailable."""

from __future__ import annotations

import socket

import pytest

from application.ports import ResponderUnavailable
from tests.integration.openai.conftest import GeneratorFactory, RecordedSleeps
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, failure, slow
from tests.integration.openai.samples import QUESTION, SUGGESTIONS


async def test_a_slow_provider_times_out_and_is_not_retried(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(slow(3.0))
    with pytest.raises(ResponderUnavailable, match="Timeout"):
        await make_generator(timeout_seconds=0.2).draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(openai_server.requests) == 1


async def test_the_whole_answer_keeps_to_its_deadline(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(slow(3.0))
    generator = make_generator(timeout_seconds=2.0, total_timeout_seconds=0.2)
    with pytest.raises(ResponderUnavailable, match="Timeout"):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS)


async def test_a_rate_limit_is_retried_after_the_providers_wait(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        sleeps: RecordedSleeps) -> None:
    openai_server.script(failure(429, {"retry-after": "0.3"}), answer("We open at 9.", 0.9))
    draft = await make_generator().draft_reply(QUESTION, [], SUGGESTIONS)
    assert draft.text == "We open at 9."
    assert len(openai_server.requests) == 2
    assert openai_server.requests[0].body == openai_server.requests[1].body
    [delay] = sleeps.delays
    assert 0.3 <= delay <= 0.3 * 1.1


async def test_a_long_retry_after_is_capped(openai_server: FakeOpenAIServer,
                                            make_generator: GeneratorFactory,
                                            sleeps: RecordedSleeps) -> None:
    openai_server.script(failure(429, {"retry-after": "3600"}), answer("Yes.", 0.9))
    await make_generator(retry_after_cap_seconds=0.5).draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(sleeps.delays) == 1 and 0.5 <= sleeps.delays[0] <= 0.55


async def test_a_wait_beyond_the_deadline_is_not_taken(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        sleeps: RecordedSleeps) -> None:
    openai_server.script(failure(429, {"retry-after": "20"}), answer("Yes.", 0.9))
    generator = make_generator(retry_after_cap_seconds=20, total_timeout_seconds=1)
    with pytest.raises(ResponderUnavailable, match="RateLimitError"):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS)
    assert sleeps.delays == [] and len(openai_server.requests) == 1


async def test_server_errors_are_retried_with_growing_waits_then_given_up(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        sleeps: RecordedSleeps) -> None:
    openai_server.script(failure(500), failure(502), failure(503), answer("late", 0.9))
    generator = make_generator(max_retries=2, backoff_base_seconds=0.1,
                               backoff_max_seconds=1.0)
    with pytest.raises(ResponderUnavailable, match="InternalServerError"):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(openai_server.requests) == 3
    first, second = sleeps.delays
    assert 0.1 <= first <= 0.11 and 0.2 <= second <= 0.22


@pytest.mark.parametrize("status", [400, 401, 404, 422])
async def test_a_request_the_provider_rejects_is_not_retried(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory, status: int) -> None:
    openai_server.script(failure(status), answer("never", 0.9))
    with pytest.raises(ResponderUnavailable):
        await make_generator().draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(openai_server.requests) == 1


async def test_an_unreachable_provider_is_retried_then_given_up(
        make_generator: GeneratorFactory, sleeps: RecordedSleeps) -> None:
    with socket.socket() as probe:  # a local port nobody listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    generator = make_generator(base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)
    with pytest.raises(ResponderUnavailable, match="APIConnectionError"):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(sleeps.delays) == 1
