"""Which provider errors are worth another try, and how long to wait before it."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass

import openai


@dataclass(frozen=True)
class Backoff:
    base_seconds: float
    max_seconds: float
    retry_after_cap_seconds: float
    jitter_fraction: float = 0.1

    def delay(self, retry: int, retry_after: float | None, jitter: float) -> float:
        """Wait before retry number `retry` (1, 2, ...); jitter is a random number in [0, 1)."""
        if retry_after is not None:
            wait = min(retry_after, self.retry_after_cap_seconds)
        else:
            wait = min(self.max_seconds, self.base_seconds * 2 ** (retry - 1))
        return wait * (1 + self.jitter_fraction * jitter)


def is_transient(error: Exception) -> bool:
    """Rate limits, server errors and dropped connections pass; a timeout means a slow provider,
    and waiting for it again would keep the visitor waiting too."""
    if isinstance(error, openai.APITimeoutError):
        return False
    if isinstance(error, openai.APIStatusError):
        return error.status_code == 429 or error.status_code >= 500
    return isinstance(error, openai.APIConnectionError)


def retry_after_seconds(error: Exception, now: float | None = None) -> float | None:
    """The provider's Retry-After (milliseconds, seconds or an HTTP date), when it sent one."""
    if not isinstance(error, openai.APIStatusError):
        return None
    headers = error.response.headers
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after")
    seconds = _number(value)
    if seconds is not None or value is None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and 0 <= number < float("inf") else None
