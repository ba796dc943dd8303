"""The assignment board of one instance: a lock and a dictionary (ADR 0046)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from datetime import datetime


class InMemoryAssignmentBoard:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._busy: dict[str, datetime] = {}
        self._put_back: dict[str, str] = {}

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self._lock:
            yield

    async def idle_since(self, agents: Collection[str]) -> dict[str, datetime]:
        return {agent: self._busy[agent] for agent in agents if agent in self._busy}

    async def busy(self, agent: str, at: datetime) -> None:
        self._busy[agent] = at

    async def put_back(self, session_key: str, agent: str) -> None:
        self._put_back[session_key] = agent

    async def put_back_by(self, session_keys: Collection[str]) -> dict[str, str]:
        return {key: self._put_back[key] for key in session_keys if key in self._put_back}
