"""Tokens, passwords and API keys never reach a log line; session keys are shortened."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from entrypoints import logging as pasokh_logging
from entrypoints.security.log_scrubbing import REDACTED, LogScrubber, is_sensitive, scrubber

JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzYXJhIiwidHlwIjoiYWNjZXNzIn0."
       "c2lnbmF0dXJlLXN0YW5kLWlu")
SESSION_KEY = "N0xAbCdEfGhIjKlMnOpQrStUvWxYz012"


def scrub(**event: object) -> dict[str, object]:
    return LogScrubber(["configured-signing-secret-value"])(None, "info", dict(event))


@pytest.mark.parametrize("name", ["password", "new_password", "access_token", "token",
                                  "secret_key", "api_key", "openai_api_key", "Authorization",
                                  "cookie", "X-Api-Key", "credentials"])
def test_values_under_sensitive_names_are_replaced(name: str) -> None:
    assert is_sensitive(name)
    assert scrub(**{name: "hunter2hunter2"})[name] == REDACTED


@pytest.mark.parametrize("name", ["prompt_tokens", "completion_tokens", "username", "status",
                                  "path", "event", "max_tokens"])
def test_ordinary_names_are_not_sensitive(name: str) -> None:
    assert not is_sensitive(name)


def test_numbers_under_token_names_are_kept() -> None:
    assert scrub(token_ttl_seconds=3600)["token_ttl_seconds"] == 3600


@pytest.mark.parametrize(("text", "kept"), [
    (f'127.0.0.1 - "WebSocket /ws/admin/chat/?token={JWT}" [accepted]', "/ws/admin/chat/"),
    ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer"),
    (f"got {JWT} from the client", "from the client"),
    ("calling with key sk-proj-AbCdEf0123456789", "calling with key"),
    ("GET /x?password=hunter2hunter2&page=2", "&page=2"),
    ("the configured-signing-secret-value leaked", "leaked"),
])
def test_secrets_are_cut_out_of_any_text(text: str, kept: str) -> None:
    line = scrub(event=text)["event"]
    assert isinstance(line, str)
    assert REDACTED in line and kept in line
    for secret in (JWT, "abc.def-ghi", "AbCdEf0123456789", "hunter2hunter2",
                   "configured-signing-secret-value"):
        assert secret not in line


def test_session_keys_are_shortened() -> None:
    assert scrub(session_key=SESSION_KEY)["session_key"] == "N0xAbC…"
    assert scrub(path=f"/ws/chat/{SESSION_KEY}/")["path"] == "/ws/chat/N0xAbC…/"
    line = scrub(event=f"GET /chat/api/history/{SESSION_KEY}/?after_seq=2")["event"]
    assert line == "GET /chat/api/history/N0xAbC…/?after_seq=2"
    opened = scrub(event=f"GET /chat/api/admin/sessions/{SESSION_KEY}/")["event"]
    assert opened == "GET /chat/api/admin/sessions/N0xAbC…/"


def test_nested_values_are_walked() -> None:
    event = scrub(exception=[{"exc_value": f"bad token {JWT}",
                              "frames": [{"locals": {"password": "hunter2hunter2"}}]}])
    assert JWT not in json.dumps(event) and "hunter2hunter2" not in json.dumps(event)


def test_short_configured_values_are_not_searched_for() -> None:
    scrubbing = LogScrubber(["abc"])
    assert scrubbing.text("abc def") == "abc def"


@pytest.fixture
def configure() -> Iterator[None]:
    """configure_logging for one test; the root logger and structlog restored afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    pasokh_logging._configured = None
    yield
    pasokh_logging._configured = None
    root.handlers, root.level = handlers, level
    structlog.reset_defaults()


def test_the_configured_chain_scrubs_structlog_and_stdlib_lines(
        configure: None, capsys: pytest.CaptureFixture[str]) -> None:
    pasokh_logging.configure_logging("production", "INFO")
    scrubber.remember("unit-test-openai-key-0123456789")
    structlog.get_logger("test").info("login", password="hunter2hunter2",
                                      note="unit-test-openai-key-0123456789")
    logging.getLogger("a.library").info('"WebSocket /ws/admin/chat/?token=%s"', JWT)
    try:
        password = "hunter2hunter2"  # noqa: F841 - a local that must not be logged
        raise ValueError("boom")
    except ValueError:
        structlog.get_logger("test").exception("failed")
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert len(lines) == 3
    for secret in ("hunter2hunter2", JWT, "unit-test-openai-key-0123456789"):
        assert secret not in err
    assert "boom" in err  # the exception itself is still there, without its locals


def test_development_lines_are_scrubbed_too(
        configure: None, capsys: pytest.CaptureFixture[str]) -> None:
    pasokh_logging.configure_logging("development", "INFO")
    try:
        raise RuntimeError(f"token {JWT} refused")
    except RuntimeError:
        structlog.get_logger("test").exception("failed", authorization=f"Bearer {JWT}")
    err = capsys.readouterr().err
    assert "failed" in err and "RuntimeError" in err
    assert JWT not in err
