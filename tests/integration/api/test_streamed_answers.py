"""A model's answer reaches the visitor's socket while it is written (message_delta frames),
then as the stored message; a draft that ends up escalated or replaced leaves no AI message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.app import create_app
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.api.conftest import ADMIN, ADMIN_PASSWORD, SECRET
from tests.integration.api.support import API, Socket, add_faq, in_app, start_session
from tests.integration.openai.fake_server import FakeOpenAIServer, Reply, answer

ANSWER = "We take bookings by phone and online, every day of the week."


def streamed(reply: Reply) -> Reply:
    return Reply(reply.status, reply.body, reply.headers, piece_chars=4)


@pytest.fixture
def openai_server(running_openai_server: FakeOpenAIServer) -> Iterator[FakeOpenAIServer]:
    running_openai_server.reset()
    yield running_openai_server
    running_openai_server.reset()


@pytest.fixture
def container(openai_server: FakeOpenAIServer) -> Container:
    return create_container(Settings(
        _env_file=None, storage="memory", secret_key=SECRET, log_level="WARNING",
        openai_api_key="sk-local", openai_base_url=openai_server.base_url,
        openai_model="local-model", openai_max_retries=0, chat_faq_threshold=0.99))


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container)) as client:
        yield client


def ask(client: TestClient, text: str) -> tuple[str, list[dict[str, Any]]]:
    key = start_session(client)
    with client.websocket_connect(f"/ws/chat/{key}/") as session:
        socket = Socket(session)
        socket.receive()
        socket.send({"type": "message", "text": text, "client_id": "c1"})
        frames = socket.receive_until(lambda f: f["type"] == "message"
                                      and f["message"]["sender"] in ("bot", "system"), limit=60)
    return key, frames


def test_the_answer_grows_in_deltas_then_comes_as_the_stored_message(
        client: TestClient, openai_server: FakeOpenAIServer) -> None:
    openai_server.script(streamed(answer(ANSWER, 0.9)))
    key, frames = ask(client, "Can I book over the phone?")
    echo = next(f["message"] for f in frames if f["type"] == "message")
    deltas = [f for f in frames if f["type"] == "message_delta"]
    assert len(deltas) > 5
    assert {f["reply_to"] for f in deltas} == {echo["seq"]}
    assert "".join(f["delta"] for f in deltas) == ANSWER
    final = frames[-1]["message"]
    assert (final["sender"], final["source"], final["text"]) == ("bot", "ai", ANSWER)
    assert frames.index(deltas[-1]) < len(frames) - 1  # every delta before the message
    # Deltas are never stored: the history and a reconnect have the final message only.
    history = client.get(f"{API}/history/{key}/").json()["messages"]
    assert [m["text"] for m in history] == ["Can I book over the phone?", ANSWER]


def test_a_draft_the_model_doubts_is_withdrawn_by_the_escalation_that_follows(
        client: TestClient, openai_server: FakeOpenAIServer) -> None:
    openai_server.script(streamed(answer("Perhaps on Fridays, I am not sure.", 0.3)))
    key, frames = ask(client, "Are you open on Friday nights?")
    assert "".join(f["delta"] for f in frames if f["type"] == "message_delta") == \
        "Perhaps on Fridays, I am not sure."
    assert {"type": "status", "status": "queued", "agent": None} in frames
    assert frames[-1]["message"]["sender"] == "system"
    history = client.get(f"{API}/history/{key}/").json()["messages"]
    assert [m["sender"] for m in history] == ["user", "system"]


def test_a_draft_the_model_replaces_with_an_faq_ends_as_that_faqs_answer(
        client: TestClient, container: Container, openai_server: FakeOpenAIServer) -> None:
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), ADMIN, ADMIN_PASSWORD)
    token = client.post(f"{API}/auth/login/", json={"username": ADMIN,
                                                   "password": ADMIN_PASSWORD})
    faq = add_faq(client, token.json()["access_token"])
    openai_server.script(streamed(answer("Use the booking page.", 0.9, faq_id=faq["id"])))
    _, frames = ask(client, "booking?")
    final = frames[-1]["message"]
    assert (final["source"], final["faq_id"], final["text"]) == ("faq", faq["id"], faq["answer"])
