"""Agent accounts in a dictionary."""

from __future__ import annotations

from application.ports import AgentAccount


class InMemoryAgentAccounts:
    def __init__(self) -> None:
        self._accounts: dict[str, AgentAccount] = {}

    async def get(self, username: str) -> AgentAccount | None:
        return self._accounts.get(username)

    async def save(self, account: AgentAccount) -> None:
        self._accounts[account.username] = account

    async def all(self) -> list[AgentAccount]:
        return [self._accounts[name] for name in sorted(self._accounts)]

    async def remove(self, username: str) -> None:
        self._accounts.pop(username, None)
