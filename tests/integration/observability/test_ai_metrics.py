"""AI answers are timed and their tokens counted; a failing provider counts as an error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.settings import Settings
from tests.integration.api.conftest import SECRET
from tests.integration.api.test_ai_wiring import ask
from tests.integration.observability.scraping import scrape
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, failure


@pytest.fixture
def ai_client(running_openai_server: FakeOpenAIServer) -> Iterator[TestClient]:
    running_openai_server.reset()
    settings = Settings(
        _env_file=None, storage="memory", secret_key=SECRET, log_level="WARNING",
        openai_api_key="sk-local", openai_base_url=running_openai_server.base_url,
        openai_model="local-model", openai_max_retries=0)
    with TestClient(create_app(settings)) as client:
        yield client


def test_ai_latency_tokens_and_failures_are_measured(
        ai_client: TestClient, running_openai_server: FakeOpenAIServer) -> None:
    running_openai_server.script(
        answer("We take bookings by phone.", 0.9, prompt_tokens=300, completion_tokens=40),
        failure(500))
    before = scrape(ai_client)
    ask(ai_client, "Can I book over the phone?")
    ask(ai_client, "Do you open on Fridays?")
    after = scrape(ai_client)

    def change(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert change("pasokh_ai_tokens_total", kind="prompt") == 300
    assert change("pasokh_ai_tokens_total", kind="completion") == 40
    assert change("pasokh_ai_request_seconds_count", outcome="ok") == 1
    assert change("pasokh_ai_request_seconds_count", outcome="error") == 1
    assert change("pasokh_ai_request_seconds_sum", outcome="ok") > 0
    assert change("pasokh_messages_total", sender="bot", source="ai") == 1
    assert change("pasokh_escalations_total", reason="ai_error") == 1
