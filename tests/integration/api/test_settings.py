"""Configuration from the environment and `.env`, and what the container makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import structlog
from pydantic import SecretStr, ValidationError

from domain.escalation import DEFAULT_KEYWORDS
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings


def test_defaults_follow_the_contract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "REDIS_URL", "OPENAI_MODEL", "CHAT_RATE_LIMIT",
                 "CHAT_AI_CONFIDENCE_THRESHOLD", "CHAT_ESCALATION_KEYWORDS", "PASOKH_STORAGE",
                 "PASOKH_TOKEN_TTL_SECONDS", "PASOKH_ENV", "CHAT_FAQ_THRESHOLD",
                 "CHAT_ASSIGNMENT", "CHAT_AGENT_MAX_CHATS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.database_url is None and settings.redis_url is None
    assert settings.openai_model == "gpt-4o-mini"
    assert settings.chat_rate_limit == 10
    assert settings.chat_ai_confidence_threshold == 0.6
    assert settings.chat_escalation_keywords == DEFAULT_KEYWORDS
    assert settings.chat_faq_threshold is None  # the policy's fitted threshold
    assert settings.embeddings == "auto" and settings.chat_ai_catalog_tokens == 3000
    assert settings.token_ttl_seconds == 3600
    assert (settings.storage_backend, settings.env) == ("sql", "development")
    assert (settings.chat_assignment, settings.chat_agent_max_chats) == ("manual", 5)


def test_the_environment_and_dot_env_are_read(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("CHAT_RATE_LIMIT=3\nPASOKH_STORAGE=memory\n"
                                   "CHAT_ESCALATION_KEYWORDS=refund, complaint ,,\n")
    monkeypatch.setenv("PASOKH_TOKEN_TTL_SECONDS", "600")
    monkeypatch.setenv("PASOKH_ENV", "production")
    settings = Settings()
    assert settings.chat_rate_limit == 3
    assert settings.storage_backend == "memory"
    assert settings.chat_escalation_keywords == ("refund", "complaint")
    assert (settings.token_ttl_seconds, settings.env) == (600, "production")


@pytest.mark.parametrize(("name", "value"), [
    ("PASOKH_STORAGE", "floppy"), ("CHAT_RATE_LIMIT", "0"),
    ("CHAT_AI_CONFIDENCE_THRESHOLD", "1.5"), ("PASOKH_ENV", "staging"),
    ("CHAT_ASSIGNMENT", "round-robin"), ("CHAT_AGENT_MAX_CHATS", "0"),
    ("PASOKH_PRESENCE_TTL_SECONDS", "0"),
])
def test_nonsense_settings_are_refused(monkeypatch: pytest.MonkeyPatch, name: str,
                                       value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_without_a_secret_key_each_process_signs_with_its_own_random_key() -> None:
    def issuer_secret_token() -> str:
        container = create_container(Settings(  # type: ignore[call-arg]
            _env_file=None, storage="memory", secret_key=None))
        return container.token_issuer().issue("sara").access_token

    with structlog.testing.capture_logs() as logs:
        first, second = issuer_secret_token(), issuer_secret_token()
    assert first.split(".")[2] != second.split(".")[2]
    assert any(entry["log_level"] == "warning" and "PASOKH_SECRET_KEY" in entry["event"]
               for entry in logs)


def test_the_configured_secret_signs_tokens_every_container_accepts() -> None:
    def container() -> Container:
        return create_container(Settings(  # type: ignore[call-arg]
            _env_file=None, storage="memory",
            secret_key=SecretStr("shared-secret-0123456789abcdefghijklmnop")))

    token = container().token_issuer().issue("sara").access_token
    assert container().token_issuer().verify(token) == "sara"


@pytest.mark.parametrize(("key", "why"), [
    ("change-me-to-a-long-random-string", "placeholder"),  # the .env.example line
    ("0123456789abcdef", "shorter than 32 bytes"),
    ("ab" * 20, "repeats a few characters"),
    ("abcab" * 8, "repeats a few characters"),
])
def test_a_weak_signing_key_is_refused_at_start_up(key: str, why: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=why):
        Settings(_env_file=None, secret_key=key)  # type: ignore[call-arg]


def test_production_serves_no_api_docs_from_a_cdn() -> None:
    from fastapi.testclient import TestClient

    from entrypoints.app import create_app
    from entrypoints.container import create_container

    for env, status in (("production", 404), ("development", 200)):
        app = create_app(create_container(Settings(  # type: ignore[call-arg]
            _env_file=None, storage="memory", env=env, embeddings="none")))
        with TestClient(app) as client:
            assert client.get("/docs").status_code == status
            assert client.get("/redoc").status_code == status
            assert client.get("/openapi.json").status_code == 200


def test_every_setting_is_in_the_readme_table_and_in_env_example() -> None:
    """An operator finds every variable Pasokh reads in both places: the README's table
    says what it means, .env.example shows its default."""
    root = Path(__file__).resolve().parents[3]
    readme, example = (root / "README.md").read_text(), (root / ".env.example").read_text()
    names = {str(field.validation_alias or name).upper()
             for name, field in Settings.model_fields.items()}
    assert names  # the settings were found
    assert sorted(name for name in names if f"`{name}`" not in readme) == []
    assert sorted(name for name in names if f"# {name}=" not in example) == []
