"""The secret that signs access tokens."""

from __future__ import annotations

import secrets

import structlog
from pydantic import SecretStr

log = structlog.get_logger(__name__)

MIN_SECRET_BYTES = 32  # HS256 wants a key at least as long as its hash


def signing_secret(configured: SecretStr | str | None) -> str:
    """PASOKH_SECRET_KEY, or a random secret for this process when it is unset."""
    if isinstance(configured, SecretStr):
        configured = configured.get_secret_value()
    if configured:
        if len(configured.encode()) < MIN_SECRET_BYTES:
            log.warning("PASOKH_SECRET_KEY is short: use at least 32 random bytes")
        return configured
    log.warning("PASOKH_SECRET_KEY is not set: using a random key, so access tokens "
                "will not survive a restart and will not work across instances")
    return secrets.token_urlsafe(48)
