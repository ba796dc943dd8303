"""A failing provider is left alone for a while, then probed with a single call."""

from __future__ import annotations

import asyncio

import pytest

from adapters.openai import CircuitBreaker, CircuitState, OpenAIAnswerGenerator
from application.ports import ResponderUnavailable
from tests.integration.openai.conftest import GeneratorFactory, ManualClock
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, failure, slow
from tests.integration.openai.samples import QUESTION, SUGGESTIONS


async def fails(generator: OpenAIAnswerGenerator) -> None:
    with pytest.raises(ResponderUnavailable):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS)


async def test_repeated_server_errors_open_the_circuit_and_a_probe_closes_it(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        breaker_clock: ManualClock) -> None:
    openai_server.script(*[failure(500)] * 4)
    generator = make_generator(max_retries=1, circuit_failure_threshold=2,
                               circuit_reset_seconds=30)
    await fails(generator)
    assert generator.circuit is CircuitState.CLOSED
    await fails(generator)
    assert generator.circuit is CircuitState.OPEN and len(openai_server.requests) == 4

    openai_server.script(answer("Back again.", 0.9))
    breaker_clock.advance(29)
    await fails(generator)  # still cooling down: refused without a call
    assert len(openai_server.requests) == 4

    breaker_clock.advance(1)
    draft = await generator.draft_reply(QUESTION, [], SUGGESTIONS)
    assert draft.text == "Back again." and len(openai_server.requests) == 5
    assert generator.circuit is CircuitState.CLOSED


async def test_a_failed_probe_is_a_single_call_and_opens_the_circuit_again(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        breaker_clock: ManualClock) -> None:
    openai_server.script(*[failure(503)] * 3)
    generator = make_generator(max_retries=2, circuit_failure_threshold=1,
                               circuit_reset_seconds=10)
    await fails(generator)
    assert generator.circuit is CircuitState.OPEN and len(openai_server.requests) == 3

    openai_server.script(failure(503), failure(503), answer("never", 0.9))
    breaker_clock.advance(10)
    await fails(generator)
    assert len(openai_server.requests) == 4  # the probe is not retried
    assert generator.circuit is CircuitState.OPEN
    await fails(generator)
    assert len(openai_server.requests) == 4


async def test_a_success_resets_the_count_of_failures(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(failure(500), answer("ok", 0.9), failure(500), answer("ok", 0.9))
    generator = make_generator(max_retries=0, circuit_failure_threshold=2)
    await fails(generator)
    await generator.draft_reply(QUESTION, [], SUGGESTIONS)
    await fails(generator)
    assert generator.circuit is CircuitState.CLOSED


async def test_a_probe_cancelled_midway_leaves_the_circuit_open(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        breaker_clock: ManualClock) -> None:
    openai_server.script(failure(500), slow(3.0))
    generator = make_generator(max_retries=0, circuit_failure_threshold=1)
    await fails(generator)
    breaker_clock.advance(30)
    probe = asyncio.create_task(generator.draft_reply(QUESTION, [], SUGGESTIONS))
    while len(openai_server.requests) < 2:
        await asyncio.sleep(0.01)
    probe.cancel()
    with pytest.raises(asyncio.CancelledError):
        await probe
    assert generator.circuit is CircuitState.OPEN


def test_only_one_probe_goes_out_while_half_open() -> None:
    clock = ManualClock()
    breaker = CircuitBreaker(threshold=1, reset_seconds=5, clock=clock)
    breaker.record_failure()
    clock.advance(5)
    assert [breaker.allow(), breaker.allow()] == [True, False]
    assert breaker.state is CircuitState.HALF_OPEN


def test_an_abandoned_probe_leaves_the_circuit_open_for_another_cool_down() -> None:
    clock = ManualClock()
    breaker = CircuitBreaker(threshold=1, reset_seconds=5, clock=clock)
    breaker.record_failure()
    clock.advance(5)
    assert breaker.allow()
    breaker.abandon()
    assert breaker.state is CircuitState.OPEN and not breaker.allow()
    clock.advance(5)
    assert breaker.allow()
