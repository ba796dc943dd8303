"""How long a waiting visitor can expect to wait, from how long recent visitors waited."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

RECENT_WAITS = 20
"""How many of the latest sessions taken from the queue the estimate looks at."""


def estimated_wait_seconds(recent_waits: Sequence[float], position: int) -> int | None:
    """The median recent wait times the visitor's 1-based position, in whole seconds.

    None when nobody has been taken from the queue yet: no figure beats a made-up one.
    The median, not the mean, so one visitor left waiting over lunch does not triple
    everyone's estimate.
    """
    if not recent_waits or position < 1:
        return None
    return round(median(recent_waits) * position)
