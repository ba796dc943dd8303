"""With OPENAI_API_KEY set, the app answers through the OpenAI adapter (on a local server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.settings import Settings
from tests.integration.api.conftest import SECRET
from tests.integration.api.support import Socket, in_app, start_session
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, completion, failure


@pytest.fixture
def openai_server(running_openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    running_openai_server.reset()
    return running_openai_server


@pytest.fixture
def client(openai_server: FakeOpenAIServer) -> Iterator[TestClient]:
    openai_server.reset()
    settings = Settings(
        _env_file=None, storage="memory", secret_key=SECRET, log_level="WARNING",
        openai_api_key="sk-local", openai_base_url=openai_server.base_url,
        openai_model="local-model", openai_max_retries=0,
        chat_business_description="Nik Clinic takes bookings by phone and online.")
    assert settings.responder_backend == "openai"
    with TestClient(create_app(settings)) as client:
        yield client


def ask(client: TestClient, text: str) -> list[dict]:
    key = start_session(client)
    with client.websocket_connect(f"/ws/chat/{key}/") as session:
        socket = Socket(session)
        socket.receive()
        socket.send({"type": "message", "text": text, "client_id": "c1"})
        frames = socket.receive_until(lambda f: f["type"] == "message"
                                      and f["message"]["sender"] in ("bot", "system"))
    return frames


def test_a_confident_ai_answer_reaches_the_visitor(client: TestClient,
                                                   openai_server: FakeOpenAIServer) -> None:
    openai_server.script(answer("We take bookings by phone and online.", 0.9))
    frames = ask(client, "Can I book over the phone?")
    bot = frames[-1]["message"]
    assert (bot["sender"], bot["source"], bot["text"]) == (
        "bot", "ai", "We take bookings by phone and online.")
    [request] = openai_server.requests
    assert request.body["model"] == "local-model"
    assert "Nik Clinic takes bookings" in request.content("system")


def test_a_failing_provider_hands_the_visitor_to_a_person(
        client: TestClient, openai_server: FakeOpenAIServer) -> None:
    openai_server.script(failure(500))
    frames = ask(client, "Can I book over the phone?")
    assert frames[-1]["message"]["sender"] == "system"
    statuses = [f["status"] for f in frames if f["type"] == "status"]
    assert statuses == ["queued"]


def test_the_model_writes_the_handoff_summary_of_a_queued_conversation(
        client: TestClient, openai_server: FakeOpenAIServer) -> None:
    openai_server.script(completion("Wants the double payment refunded."))
    frames = ask(client, "مشکل پرداخت دارم")
    assert [f["status"] for f in frames if f["type"] == "status"] == ["queued"]
    container = client.app.state.container  # type: ignore[attr-defined]
    in_app(client, container.bus().idle)
    [request] = openai_server.requests  # the keyword escalates before any answer is drafted
    assert "Visitor: مشکل پرداخت دارم" in request.content("user")
    [entry] = in_app(client, container.read_models().queue)
    assert entry.summary == "Wants the double payment refunded."
