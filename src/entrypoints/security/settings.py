"""The settings of the edge defences; `Settings` inherits them (see entrypoints/settings.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode

from domain.ai_budget import DEFAULT_MAX_CALLS, DEFAULT_MAX_TOKENS
from entrypoints.security.client_address import parse_networks
from entrypoints.security.http_head import DEFAULT_HEAD_TIMEOUT_SECONDS, DEFAULT_MAX_HEAD_BYTES
from entrypoints.security.origins import parse_origins

APPLICATION_FRAME_LIMIT = 64 * 1024  # entrypoints/ws/frames.py: `too_large` above this
TRANSPORT_FRAME_LIMIT = 1024 * 1024


def _split(value: object) -> object:
    return tuple(value.split(",")) if isinstance(value, str) else value


class SecuritySettings(BaseSettings):
    chat_allowed_origins: Annotated[tuple[str, ...], NoDecode] = ()
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), validation_alias="PASOKH_TRUSTED_PROXIES")
    session_rate_limit: int = Field(default=20, ge=1, validation_alias="PASOKH_SESSION_RATE_LIMIT")
    login_rate_limit: int = Field(default=10, ge=1, validation_alias="PASOKH_LOGIN_RATE_LIMIT")
    login_account_limit: int = Field(default=100, ge=1,
                                     validation_alias="PASOKH_LOGIN_ACCOUNT_LIMIT")
    max_sockets_per_address: int = Field(default=20, ge=1,
                                         validation_alias="PASOKH_MAX_SOCKETS_PER_ADDRESS")
    ws_max_message_bytes: int = Field(default=TRANSPORT_FRAME_LIMIT,
                                      gt=APPLICATION_FRAME_LIMIT,
                                      validation_alias="PASOKH_WS_MAX_MESSAGE_BYTES")
    # `pasokh serve` without a proxy: a request's line and headers, and how long they may take
    max_header_bytes: int = Field(default=DEFAULT_MAX_HEAD_BYTES, ge=1024, le=1024 * 1024,
                                  validation_alias="PASOKH_MAX_HEADER_BYTES")
    header_timeout_seconds: float = Field(default=DEFAULT_HEAD_TIMEOUT_SECONDS, gt=0, le=3600,
                                          validation_alias="PASOKH_HEADER_TIMEOUT_SECONDS")
    chat_ai_max_calls_per_session: int = Field(default=DEFAULT_MAX_CALLS, ge=1)
    chat_ai_max_tokens_per_session: int = Field(default=DEFAULT_MAX_TOKENS, ge=1)

    @field_validator("chat_allowed_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        value = _split(value)
        return parse_origins(value) if isinstance(value, tuple | list) else value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies(cls, value: object) -> object:
        value = _split(value)
        if isinstance(value, tuple | list):
            return tuple(str(network) for network in parse_networks(value))
        return value
