"""Canned responses: admins write them, every agent reads them; shortcuts are unique."""

from __future__ import annotations

from application.errors import NotFound
from application.ports import CannedResponses, IdGenerator
from domain.canned import CannedResponse, DuplicateShortcut


class CannedResponseNotFound(NotFound):
    pass


async def _saved(store: CannedResponses, response: CannedResponse) -> CannedResponse:
    if any(response.clashes_with(other) for other in await store.all()):
        raise DuplicateShortcut(f"the shortcut /{response.shortcut} is taken")
    await store.save(response)
    return response


async def add(store: CannedResponses, ids: IdGenerator, shortcut: str,
              text: str) -> CannedResponse:
    return await _saved(store, CannedResponse.written(ids.new_id(), shortcut, text))


async def update(store: CannedResponses, response_id: str, shortcut: str,
                 text: str) -> CannedResponse:
    if await store.get(response_id) is None:
        raise CannedResponseNotFound(response_id)
    return await _saved(store, CannedResponse.written(response_id, shortcut, text))


async def remove(store: CannedResponses, response_id: str) -> None:
    if await store.get(response_id) is None:
        raise CannedResponseNotFound(response_id)
    await store.remove(response_id)
