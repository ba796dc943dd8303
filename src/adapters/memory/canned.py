"""Canned responses in a dictionary."""

from __future__ import annotations

from domain.canned import CannedResponse


class InMemoryCannedResponses:
    def __init__(self) -> None:
        self._responses: dict[str, CannedResponse] = {}

    async def all(self) -> list[CannedResponse]:
        return sorted(self._responses.values(), key=lambda r: (r.shortcut.casefold(), r.id))

    async def get(self, response_id: str) -> CannedResponse | None:
        return self._responses.get(response_id)

    async def save(self, response: CannedResponse) -> None:
        self._responses[response.id] = response

    async def remove(self, response_id: str) -> None:
        self._responses.pop(response_id, None)
