"""The secret that signs access tokens."""

from __future__ import annotations

import secrets

import structlog
from pydantic import SecretStr

log = structlog.get_logger(__name__)

MIN_SECRET_BYTES = 32  # HS256 wants a key at least as long as its hash
# Keys that appear in examples and documentation: whoever reads them could sign tokens.
PLACEHOLDERS = frozenset({
    "change-me-to-a-long-random-string", "changeme", "change-me", "change_me", "secret",
    "secret-key", "secret_key", "your-secret-key", "your_secret_key", "mysecret",
    "supersecret", "pasokh", "password", "development", "test",
})


def weak_secret(secret: str) -> str | None:
    """Why this signing key must not be used, or None when it may."""
    if secret.strip().lower() in PLACEHOLDERS or "change-me" in secret.lower():
        return "it is a placeholder from an example"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        return f"it is shorter than {MIN_SECRET_BYTES} bytes"
    if len(set(secret)) < 6:
        return "it repeats a few characters; use random bytes"
    return None


def signing_secret(configured: SecretStr | str | None) -> str:
    """PASOKH_SECRET_KEY, or a random secret for this process when it is unset."""
    if isinstance(configured, SecretStr):
        configured = configured.get_secret_value()
    if configured:
        return configured
    log.warning("PASOKH_SECRET_KEY is not set: using a random key, so access tokens "
                "will not survive a restart and will not work across instances")
    return secrets.token_urlsafe(48)
