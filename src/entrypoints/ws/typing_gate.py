"""Typing frames are relayed at most once a second per conversation and side.

They are not stored, and the widget and the dashboard send one every 2.5 s at most, so the
extra ones are dropped without a word: a client that floods them neither floods the other
side's socket (an agent's would be closed as a slow reader) nor Redis."""

from __future__ import annotations

import time

TYPING_INTERVAL_SECONDS = 1.0


def monotonic() -> float:
    return time.monotonic()


def typing_due(last_relayed: float | None) -> float | None:
    """The time to note as relayed now, or None when the last relay is too recent."""
    now = monotonic()
    if last_relayed is not None and now - last_relayed < TYPING_INTERVAL_SECONDS:
        return None
    return now
