"""Everything Pasokh reads from the environment (and from `.env` when present)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, computed_field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from domain.agent_load import DEFAULT_MAX_CHATS
from domain.escalation import DEFAULT_KEYWORDS
from entrypoints.security.settings import SecuritySettings


class Settings(SecuritySettings):  # the limits, origins and proxies live there
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    database_url: str | None = None  # unset: the embedded SQLite file, var/pasokh.db
    redis_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    chat_rate_limit: int = Field(default=10, ge=1)
    chat_ai_confidence_threshold: float = Field(default=0.6, ge=0, le=1)
    chat_escalation_keywords: Annotated[tuple[str, ...], NoDecode] = DEFAULT_KEYWORDS
    # unset: the answering policy's fitted threshold (docs/faq-matching.md)
    chat_faq_threshold: float | None = Field(default=None, gt=0, le=1)
    # the model is shown the whole active catalog when it fits this many tokens (0: never)
    chat_ai_catalog_tokens: int = Field(default=3000, ge=0, le=200_000)
    # greetings, thanks and goodbyes get Pasokh's own reply (false: decided as questions)
    chat_small_talk: bool = True
    # model calls of the whole deployment (every instance, through Redis when it is set)
    chat_ai_max_calls_per_minute: int = Field(default=60, ge=1)
    chat_ai_max_calls_per_day: int = Field(default=2000, ge=1)
    # the same for one visitor network (the address that started the conversation)
    chat_ai_max_calls_per_address_per_minute: int = Field(default=10, ge=1)
    chat_ai_max_calls_per_address_per_day: int = Field(default=200, ge=1)
    # escalations an hour from one network before its conversations wait marked as a flood
    chat_escalations_per_address: int = Field(default=5, ge=1)
    # ... and from one visitor (the widget's visitor id)
    chat_escalations_per_visitor: int = Field(default=3, ge=1)
    embeddings: Literal["auto", "local", "openai", "none"] = Field(
        default="auto", validation_alias="PASOKH_EMBEDDINGS")
    openai_embedding_model: str = "text-embedding-3-small"
    chat_agent_max_chats: int = Field(default=DEFAULT_MAX_CHATS, ge=1)
    # auto: queued conversations go to the least busy online agent (docs/agents.md)
    chat_assignment: Literal["manual", "auto"] = "manual"
    chat_business_description: str = ""
    # when people answer, e.g. "sat-wed 09:00-17:00; thu 09:00-13:00" (unset: always)
    chat_business_hours: str = ""
    chat_timezone: str = "Asia/Tehran"  # of the business hours (an IANA zone name)
    # email (ADR 0043): smtp://user:password@host:587 or smtps://...:465; both needed
    smtp_url: SecretStr | None = None
    smtp_from: str | None = None
    chat_notify_email: str | None = None  # told of each contact left while offline
    # how long the model may take to write a handoff summary before the built one is used
    chat_summary_deadline_seconds: float = Field(default=4.0, gt=0, le=60)
    chat_ai_max_answer_chars: int = Field(default=1200, ge=100)
    openai_timeout_seconds: float = Field(default=15.0, gt=0)
    openai_total_timeout_seconds: float = Field(default=30.0, gt=0)
    openai_max_retries: int = Field(default=2, ge=0, le=10)
    openai_circuit_failure_threshold: int = Field(default=5, ge=1)
    openai_circuit_reset_seconds: float = Field(default=30.0, ge=0)
    openai_max_output_tokens: int = Field(default=600, ge=16)
    openai_temperature: float | None = Field(default=0.2, ge=0, le=2)

    # the HTTP and WebSocket server of `pasokh serve` (ADR 0036)
    server: Literal["uvicorn", "granian"] = Field(default="uvicorn",
                                                  validation_alias="PASOKH_SERVER")
    storage: Literal["auto", "memory"] = Field(default="auto", validation_alias="PASOKH_STORAGE")
    secret_key: SecretStr | None = Field(default=None, validation_alias="PASOKH_SECRET_KEY")
    token_ttl_seconds: int = Field(default=3600, ge=60,
                                   validation_alias="PASOKH_TOKEN_TTL_SECONDS")
    env: Literal["development", "production"] = Field(default="development",
                                                      validation_alias="PASOKH_ENV")
    log_level: str = Field(default="INFO", validation_alias="PASOKH_LOG_LEVEL")
    ws_send_buffer: int = Field(default=256, ge=8, le=100_000,
                                validation_alias="PASOKH_WS_SEND_BUFFER")
    kept_aggregates: int = Field(default=10_000, ge=0, le=10_000_000,
                                 validation_alias="PASOKH_KEPT_AGGREGATES")
    # PostgreSQL only: a read or a commit the server has not answered by then fails as
    # `unavailable` instead of waiting for the TCP stack (docs/reliability.md); 0: no limit
    db_deadline_seconds: float = Field(default=10.0, ge=0, le=3600,
                                       validation_alias="PASOKH_DB_DEADLINE_SECONDS")
    # permessage-deflate keeps compression state alive for every idle socket (ADR 0021)
    ws_compression: bool = Field(default=False, validation_alias="PASOKH_WS_COMPRESSION")
    # with Redis: a desk socket of an instance that stopped beating counts this long (ADR 0046)
    presence_ttl_seconds: float = Field(default=30.0, ge=1, le=3600,
                                        validation_alias="PASOKH_PRESENCE_TTL_SECONDS")
    redis_prefix: str = Field(default="pasokh", min_length=1, pattern=r"^[A-Za-z0-9_.:-]+$",
                              validation_alias="PASOKH_REDIS_PREFIX")
    # The reconciler (docs/reconciliation.md): how often it looks for reactions a crash lost,
    # and how old an event must be before its reaction counts as lost. Keep the grace above
    # the longest answer (OPENAI_TOTAL_TIMEOUT_SECONDS), or slow answers are worked on twice.
    reconcile_interval_seconds: float = Field(default=5.0, gt=0, le=3600,
                                              validation_alias="PASOKH_RECONCILE_INTERVAL")
    reconcile_grace_seconds: float = Field(default=45.0, ge=0, le=86400,
                                           validation_alias="PASOKH_RECONCILE_GRACE_SECONDS")

    @field_validator("chat_escalation_keywords", mode="before")
    @classmethod
    def _split_keywords(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(word.strip() for word in value.split(",") if word.strip())
        return value

    @field_validator("chat_business_hours")
    @classmethod
    def _readable_hours(cls, value: str) -> str:
        """Refused at start-up with what is wrong, rather than a team never online."""
        from domain.business_hours import BusinessHours
        from domain.errors import InvalidBusinessHours

        try:
            BusinessHours.parse(value)
        except InvalidBusinessHours as error:
            raise ValueError(f"CHAT_BUSINESS_HOURS is refused: {error}") from None
        return value

    @field_validator("chat_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value.strip())
        except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"CHAT_TIMEZONE is refused: {value!r} is not a time zone name "
                             "such as Asia/Tehran or Europe/Berlin") from None
        return value.strip()

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().startswith(("smtp://", "smtps://")):
            raise ValueError("SMTP_URL is refused: it must start with smtp:// or smtps://")
        return value

    @field_validator("smtp_from", "chat_notify_email", mode="before")
    @classmethod
    def _blank_address(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("secret_key")
    @classmethod
    def _strong_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """A known placeholder or a short key would let others sign agent tokens: refused
        at start-up, with how to make a good one."""
        from entrypoints.signing import weak_secret

        if value is None or not value.get_secret_value():
            return None
        why = weak_secret(value.get_secret_value())
        if why is not None:
            raise ValueError(f"PASOKH_SECRET_KEY is refused: {why}. Make one with: "
                             "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
        return value

    @field_validator("database_url", "redis_url", "openai_base_url", "openai_temperature",
                     "chat_faq_threshold", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def storage_backend(self) -> Literal["memory", "sql"]:
        return "memory" if self.storage == "memory" else "sql"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def pubsub_backend(self) -> Literal["in_process", "redis"]:
        return "redis" if self.redis_url else "in_process"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def embeddings_backend(self) -> Literal["local", "openai", "none"]:
        """auto: the embedded model when its package is installed, else words only."""
        if self.embeddings != "auto":
            return self.embeddings
        from adapters.embeddings.local import available

        return "local" if available() else "none"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def responder_backend(self) -> Literal["local", "openai"]:
        key = self.openai_api_key
        return "openai" if key is not None and key.get_secret_value().strip() else "local"
