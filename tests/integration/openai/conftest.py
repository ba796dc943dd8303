"""One local OpenAI-compatible server for the whole run, and generators pointed at it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from adapters.openai import CircuitBreaker, OpenAIAnswerGenerator, OpenAIOptions, openai_client
from tests.integration.openai.fake_server import FakeOpenAIServer

API_KEY = "sk-local-test-key"

# Short times keep every test fast; the production defaults live in OpenAIOptions.
FAST = {
    "model": "pasokh-test-model",
    "business_description": "Nik Clinic, a dental clinic in Tehran that takes bookings.",
    "timeout_seconds": 2.0,
    "total_timeout_seconds": 5.0,
    "max_retries": 2,
    "backoff_base_seconds": 0.01,
    "backoff_max_seconds": 0.05,
    "retry_after_cap_seconds": 0.5,
    "circuit_failure_threshold": 3,
    "circuit_reset_seconds": 30.0,
}


@dataclass
class RecordedSleeps:
    """Stands in for asyncio.sleep: the waits are what the test checks, not the clock."""

    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def openai_server(running_openai_server: FakeOpenAIServer) -> Iterator[FakeOpenAIServer]:
    running_openai_server.reset()
    yield running_openai_server
    running_openai_server.reset()


@pytest.fixture
def sleeps() -> RecordedSleeps:
    return RecordedSleeps()


@pytest.fixture
def breaker_clock() -> ManualClock:
    return ManualClock()


GeneratorFactory = Callable[..., OpenAIAnswerGenerator]


@pytest.fixture
async def make_generator(openai_server: FakeOpenAIServer, sleeps: RecordedSleeps,
                         breaker_clock: ManualClock) -> AsyncIterator[GeneratorFactory]:
    made: list[OpenAIAnswerGenerator] = []

    def make(base_url: str | None = None, **overrides: Any) -> OpenAIAnswerGenerator:
        options = OpenAIOptions(**{**FAST, **overrides})
        client = openai_client(API_KEY, base_url or openai_server.base_url,
                               options.timeout_seconds)
        breaker = CircuitBreaker(options.circuit_failure_threshold,
                                 options.circuit_reset_seconds, breaker_clock)
        generator = OpenAIAnswerGenerator(client, options, breaker=breaker, sleep=sleeps)
        made.append(generator)
        return generator

    yield make
    for generator in made:
        await generator.aclose()
