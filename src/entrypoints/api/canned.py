"""Canned responses: every agent reads them (the reply box offers them), admins change them.

No `from __future__ import annotations`: the injector reads the markers (dependencies.py)."""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends, Response

from application import canned
from application.ports import CannedResponses, IdGenerator
from entrypoints.api.dependencies import Admin, Agent
from entrypoints.container import Container
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import CannedResponseIn, CannedResponseOut

router = SlashAgnosticRouter(prefix="/admin/canned-responses")

Store = Annotated[CannedResponses, Depends(Provide[Container.canned_responses])]
Ids = Annotated[IdGenerator, Depends(Provide[Container.ids])]


@router.get("/")
@inject
async def list_responses(agent: Agent, store: Store) -> list[CannedResponseOut]:
    return [CannedResponseOut.model_validate(response) for response in await store.all()]


@router.post("/", status_code=201)
@inject
async def add_response(body: CannedResponseIn, admin: Admin, store: Store,
                       ids: Ids) -> CannedResponseOut:
    return CannedResponseOut.model_validate(
        await canned.add(store, ids, body.shortcut, body.text))


@router.put("/{response_id}/")
@inject
async def update_response(response_id: str, body: CannedResponseIn, admin: Admin,
                          store: Store) -> CannedResponseOut:
    return CannedResponseOut.model_validate(
        await canned.update(store, response_id, body.shortcut, body.text))


@router.delete("/{response_id}/", status_code=204)
@inject
async def remove_response(response_id: str, admin: Admin, store: Store) -> Response:
    await canned.remove(store, response_id)
    return Response(status_code=204)
