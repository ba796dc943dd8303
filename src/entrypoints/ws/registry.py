"""The sockets open on this instance: counted for /metrics, closed with 1012 on shutdown."""

from __future__ import annotations

import contextlib

from fastapi import WebSocket, WebSocketDisconnect

from adapters.metrics import PasokhMetrics

SERVICE_RESTART = 1012  # RFC 6455: the client should reconnect, to another instance


class SocketRegistry:
    def __init__(self, metrics: PasokhMetrics) -> None:
        self._metrics = metrics
        # keyed by id(): Starlette's WebSocket is a Mapping, and mappings are not hashable
        self._open: dict[int, tuple[WebSocket, str]] = {}

    def add(self, websocket: WebSocket, kind: str) -> None:
        if id(websocket) not in self._open:
            self._open[id(websocket)] = (websocket, kind)
            self._metrics.open_sockets.labels(kind).inc()

    def discard(self, websocket: WebSocket) -> None:
        entry = self._open.pop(id(websocket), None)
        if entry is not None:
            self._metrics.open_sockets.labels(entry[1]).dec()

    def __len__(self) -> int:
        return len(self._open)

    async def close_all(self, code: int = SERVICE_RESTART) -> int:
        """Ask every open socket's client to go elsewhere; returns how many were asked.

        uvicorn already does this for the sockets it serves when it stops; this covers
        the ones it has not (another server, a socket still being accepted)."""
        sockets = [websocket for websocket, _ in self._open.values()]
        for websocket in sockets:
            with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
                await websocket.close(code)
        return len(sockets)
