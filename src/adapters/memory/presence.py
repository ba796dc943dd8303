"""Agent presence in this process: right when there is one instance (ADR 0046)."""

from __future__ import annotations

from domain.presence import ONLINE, chosen, status_of


class InMemoryAgentPresence:
    def __init__(self) -> None:
        self._sockets: dict[str, str] = {}  # socket id -> agent
        self._chosen: dict[str, str] = {}

    async def arrive(self, socket_id: str, username: str) -> None:
        self._sockets[socket_id] = username

    async def leave(self, socket_id: str) -> None:
        self._sockets.pop(socket_id, None)

    async def choose(self, username: str, status: str) -> None:
        self._chosen[username] = chosen(status)

    async def status_of(self, username: str) -> str:
        return status_of(self._chosen.get(username), username in self._sockets.values())

    async def online_agents(self) -> set[str]:
        return {agent for agent in set(self._sockets.values())
                if self._chosen.get(agent, ONLINE) == ONLINE}

    async def anyone_online(self) -> bool:
        return bool(await self.online_agents())
