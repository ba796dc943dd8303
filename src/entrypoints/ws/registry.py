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
        self._agents: dict[int, str] = {}  # the desk sockets' agents, for their status

    def add(self, websocket: WebSocket, kind: str, agent: str | None = None) -> None:
        if id(websocket) not in self._open:
            self._open[id(websocket)] = (websocket, kind)
            self._metrics.open_sockets.labels(kind).inc()
            if agent is not None:
                self._agents[id(websocket)] = agent

    def discard(self, websocket: WebSocket) -> None:
        entry = self._open.pop(id(websocket), None)
        self._agents.pop(id(websocket), None)
        if entry is not None:
            self._metrics.open_sockets.labels(entry[1]).dec()

    def agents_here(self) -> set[str]:
        """The agents with a desk socket open on this instance."""
        return set(self._agents.values())

    async def anyone_online(self) -> bool:
        """AgentPresence: an agent has the desk open on this instance (ADR 0042)."""
        return any(kind == "agent" for _, kind in self._open.values())

    async def status_of(self, username: str) -> str:
        """AgentPresence: `online` with a desk socket here; nobody is `away` on this one."""
        return "online" if username in self._agents.values() else "offline"

    async def online_agents(self) -> set[str]:
        """AgentPresence: the agents with a desk socket open on this instance."""
        return self.agents_here()

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
