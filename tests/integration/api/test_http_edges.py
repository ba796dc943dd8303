"""What every endpoint shares: error shapes, body limits, CORS, request ids and logs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog
from dependency_injector import providers
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.container import create_container
from tests.integration.api.conftest import make_settings
from tests.integration.api.support import API, Socket, start_session


class BrokenReadModels:
    async def faqs(self, include_inactive: bool = False) -> list[object]:
        raise RuntimeError("secret detail: connection string postgres://u:p@db")


def test_an_unexpected_failure_is_a_bare_500(tmp_path: Path) -> None:
    container = create_container(make_settings("memory", tmp_path))
    container.read_models.override(providers.Object(BrokenReadModels()))
    with TestClient(create_app(container), raise_server_exceptions=False) as client, \
            structlog.testing.capture_logs() as logs:
        response = client.get(f"{API}/faqs/")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal", "message": "internal error"}}
    logged = [entry for entry in logs if entry["event"] == "unhandled error"]
    assert logged and isinstance(logged[0]["exc_info"], RuntimeError)


def test_an_unknown_path_and_a_wrong_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get(f"{API}/nothing-here/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong = client.delete(f"{API}/sessions/")
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"


def test_a_declared_oversized_body_is_refused(client: TestClient) -> None:
    response = client.post(f"{API}/auth/login/", content=b"x" * (65 * 1024),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_streamed_oversized_body_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(70):
            yield b"x" * 1024

    response = client.post(f"{API}/auth/login/", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_visitor_endpoints_accept_any_origin(client: TestClient) -> None:
    preflight = client.options(f"{API}/sessions/", headers={
        "Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    listed = client.get(f"{API}/faqs/", headers={"Origin": "https://shop.example"})
    assert listed.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in listed.headers


def test_admin_calls_cannot_be_made_from_foreign_pages(client: TestClient) -> None:
    preflight = client.options(f"{API}/admin/queue/", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 400
    assert "authorization" not in preflight.headers.get("access-control-allow-headers", "")


def test_the_request_id_is_kept_or_made_up(client: TestClient) -> None:
    given = client.get(f"{API}/faqs/", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made_up = client.get(f"{API}/faqs/", headers={"X-Request-ID": "bad id\twith spaces"})
    assert made_up.headers["x-request-id"] not in ("", "bad id\twith spaces")
    assert len(made_up.headers["x-request-id"]) == 32


@pytest.fixture
def production_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings("memory", tmp_path).model_copy(
        update={"env": "production", "log_level": "INFO"})
    with TestClient(create_app(create_container(settings))) as client:
        yield client


def test_production_logs_are_json_with_request_id_and_short_session_key(
        production_client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    key = start_session(production_client)
    production_client.get(f"{API}/history/{key}/", headers={"X-Request-ID": "req-42"})
    with production_client.websocket_connect(f"/ws/chat/{key}/") as session:
        Socket(session).receive()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()
             if line.startswith("{")]
    server = [r for r in lines if not r["logger"].startswith("httpx")]  # the test client's
    history = [r for r in server if r.get("request_id") == "req-42"]
    assert history and history[0]["session"] == f"{key[:6]}…"
    assert history[0]["path"] == f"/chat/api/history/{key[:6]}…/"
    assert any(r["event"] == "visitor socket opened" and r["session"] == f"{key[:6]}…"
               for r in server)
    assert all(key not in json.dumps(r, ensure_ascii=False) for r in server)


@pytest.mark.parametrize("body", [
    "[" * 5000 + "]" * 5000,  # deeper than the parser's stack
    '{"username": ' + "9" * 5000 + ', "password": "x"}',  # past Python's digit limit
], ids=["nested", "long number"])
def test_json_that_cannot_be_read_is_invalid_not_a_bad_request(
        client: TestClient, body: str) -> None:
    response = client.post(f"{API}/auth/login/", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "body: malformed JSON (nested too deeply, or a number too long to read)"}
