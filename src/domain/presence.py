"""Whether an agent can take a conversation now: what they chose, and whether their desk is
open anywhere (ADR 0046)."""

from __future__ import annotations

ONLINE, AWAY, OFFLINE = "online", "away", "offline"
CHOSEN = (ONLINE, AWAY)
"""What an agent may set; offline is never chosen: it is having no desk open."""


class UnknownAvailability(ValueError):
    """An agent asked for a status other than online or away."""


def chosen(status: str) -> str:
    if status not in CHOSEN:
        raise UnknownAvailability(f"availability is {' or '.join(CHOSEN)}, not {status!r}")
    return status


def status_of(choice: str | None, desk_open: bool) -> str:
    """Offline without a desk open, whatever was chosen; online until they choose away."""
    return (choice or ONLINE) if desk_open else OFFLINE
