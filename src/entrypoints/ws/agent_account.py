"""A desk socket lives as long as its account is active: disabled, it closes with 4401."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from entrypoints.security.token_expiry import Closable

UNAUTHORIZED = 4401

StillActive = Callable[[], Awaitable[bool]]


class AccountDisabled(Exception):
    """The socket's account was disabled (or removed) while it was open."""


class AccountStanding:
    def __init__(self) -> None:
        self.disabled = False

    async def bound(self, work: Coroutine[Any, Any, None]) -> None:
        """Run work until it ends or finds the account disabled."""
        try:
            await work
        except AccountDisabled:
            self.disabled = True

    async def close_if_disabled(self, websocket: Closable) -> None:
        if self.disabled:
            with contextlib.suppress(RuntimeError, OSError):  # the client left meanwhile
                await websocket.close(UNAUTHORIZED, "the account was disabled")
