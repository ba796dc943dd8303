"""A structlog processor that keeps secrets out of every log line, ours and other libraries'.

- values under sensitive names (password, token, secret, api key, authorization, cookie)
  are replaced whole;
- bearer tokens, JWTs, `sk-...` API keys and `token=`/`password=` query parameters are cut
  out of any text (uvicorn logs a socket's path with its query string, for example);
- the configured secrets (signing key, OpenAI key) are cut out wherever they appear;
- session keys, the visitors' only credential, are shortened to their first characters.
Runs last before rendering, on structlog's events and on other libraries' records alike,
and walks nested values (exception dictionaries in production).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"
MIN_SECRET_LENGTH = 8
SHORT_KEY_CHARS = 6

_SENSITIVE_WORDS = {"password", "passwd", "secret", "token", "authorization", "cookie",
                    "apikey", "credentials"}
_SESSION_NAMES = {"session_key", "session"}
_PATTERNS = [
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), REDACTED),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{4,}"), "sk-" + REDACTED),
    (re.compile(r"(?i)([?&;](?:access_token|token|ticket|password|api_key|key)=)[^&\s\"'#]+"),
     r"\1" + REDACTED),
]
# A path holding a session key, in any text: shortened like the keys themselves.
_SESSION_PATH = re.compile(
    r"(/ws/chat/|/chat/api/history/|/chat/api/admin/sessions/)([A-Za-z0-9_-]{7,})")


def short_key(session_key: str) -> str:
    return f"{session_key[:SHORT_KEY_CHARS]}…" if len(session_key) > SHORT_KEY_CHARS else "…"


def is_sensitive(name: str) -> bool:
    words = set(re.split(r"[^a-z]+", name.lower()))
    return bool(words & _SENSITIVE_WORDS) or {"api", "key"} <= words


class LogScrubber:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self.remember(*secrets)

    def remember(self, *secrets: str | None) -> None:
        """Secrets too short to be told apart from ordinary words are not searched for."""
        self._secrets |= {s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}

    def __call__(self, _: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
        return {name: self._field(name, value) for name, value in event.items()}

    def _field(self, name: str, value: Any) -> Any:
        if name.startswith("_"):  # structlog's own bookkeeping (the stdlib record)
            return value
        if isinstance(value, str) and name in _SESSION_NAMES:
            return short_key(value)
        if is_sensitive(name) and isinstance(value, str | bytes) and value:
            return REDACTED
        return self.scrub(value)

    def scrub(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self._field(str(key), item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.scrub(item) for item in value)
        return value

    def text(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, REDACTED)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return _SESSION_PATH.sub(lambda m: m.group(1) + short_key(m.group(2)), text)


def secret_values(*configured: object) -> list[str]:
    """The plain values of configured secrets (pydantic's SecretStr or str; None skipped)."""
    values = []
    for value in configured:
        plain = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        if isinstance(plain, str) and plain:
            values.append(plain)
    return values


scrubber = LogScrubber()
"""The one scrubber in the logging chain; the app tells it the configured secrets."""
