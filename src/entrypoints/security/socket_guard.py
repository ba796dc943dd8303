"""Who may open a socket: a page from an allowed origin, and not too many per address.

Checked before the socket's endpoint runs, for every socket path. A refused socket is
accepted and closed at once with a code the client can read (a browser sees only 1006 when
the handshake itself is refused):
- 4403: the page's origin may not open this socket (see origins.py);
- 4429: this address already holds PASOKH_MAX_SOCKETS_PER_ADDRESS open sockets (counted
  per instance; behind a proxy the address comes from trusted X-Forwarded-For).
"""

from __future__ import annotations

from collections import Counter

import structlog
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from entrypoints.security.client_address import ClientAddresses
from entrypoints.security.origins import OriginPolicy

FORBIDDEN_ORIGIN = 4403
TOO_MANY_SOCKETS = 4429
ADMIN_SOCKETS = "/ws/admin/"

log = structlog.get_logger("pasokh.security")


class OpenSockets:
    """Open sockets per client address, on this instance."""

    def __init__(self, max_per_address: int) -> None:
        self.max_per_address = max_per_address
        self._open: Counter[str] = Counter()

    def try_open(self, address: str) -> bool:
        if self._open[address] >= self.max_per_address:
            return False
        self._open[address] += 1
        return True

    def close(self, address: str) -> None:
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def count(self, address: str) -> int:
        return self._open[address]


class SocketGuard:
    """The checks, for the middleware and for a socket served before any middleware (the
    visitor socket, see entrypoints.app)."""

    def __init__(self, origins: OriginPolicy, addresses: ClientAddresses,
                 sockets: OpenSockets) -> None:
        self.origins = origins
        self.addresses = addresses
        self.sockets = sockets

    async def admit(self, scope: Scope, receive: Receive, send: Send, app: ASGIApp) -> None:
        """Run app for this socket if it may open, else refuse it with the reason's code."""
        if not self._origin_allowed(scope):
            log.info("socket refused: origin not allowed",
                     socket="admin" if scope["path"].startswith(ADMIN_SOCKETS) else "visitor")
            await _refuse(receive, send, FORBIDDEN_ORIGIN, "origin not allowed")
            return
        address = self.addresses.of_scope(scope)
        if not self.sockets.try_open(address):
            log.info("socket refused: too many from one address")
            await _refuse(receive, send, TOO_MANY_SOCKETS, "too many open sockets")
            return
        try:
            await app(scope, receive, send)
        finally:
            self.sockets.close(address)

    def _origin_allowed(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if scope["path"].startswith(ADMIN_SOCKETS):
            return self.origins.admin_may_connect(origin, headers.get("host"))
        return self.origins.visitor_may_connect(origin, headers.get("host"))


class SocketGuardMiddleware:
    def __init__(self, app: ASGIApp, guard: SocketGuard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        await self.guard.admit(scope, receive, send, self.app)


async def _refuse(receive: Receive, send: Send, code: int, reason: str) -> None:
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": code, "reason": reason})
