"""What visitors see of an agent: the display name, never the login name (a login name
shown to every visitor tells an attacker whose password to try)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from application.ports import AgentAccounts

REMEMBERED_SECONDS = 60.0
MAX_REMEMBERED = 1000


class DisplayNames:
    """Display names by login name, remembered for a minute (a renamed agent shows the new
    name within it). An account that is gone shows as nobody in particular."""

    def __init__(self, accounts: AgentAccounts,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._accounts = accounts
        self._clock = clock
        self._known: dict[str, tuple[str | None, float]] = {}

    async def of(self, username: str | None) -> str | None:
        if username is None:
            return None
        now = self._clock()
        known = self._known.get(username)
        if known is not None and now - known[1] < REMEMBERED_SECONDS:
            return known[0]
        account = await self._accounts.get(username)
        shown = account.display_name if account is not None else None
        if len(self._known) >= MAX_REMEMBERED:
            self._known.clear()
        self._known[username] = (shown, now)
        return shown

    async def in_message(self, message: dict[str, Any]) -> dict[str, Any]:
        """A message as the contract shapes it, its `agent` shown by display name."""
        if message.get("agent"):
            message["agent"] = await self.of(message["agent"])
        return message
