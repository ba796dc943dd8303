"""The team's accounts: admins make, list, change and disable them.

No `from __future__ import annotations`: the injector reads the markers (dependencies.py)."""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends

from application import accounts
from application.ports import AgentAccount, AgentPresence, Clock, CommonPasswords, Signaller
from entrypoints.api.dependencies import Accounts, Admin, Agent, Hasher, Presences
from entrypoints.container import Container
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import AgentChangeIn, AgentIn, AgentOut, ColleagueOut

router = SlashAgnosticRouter(prefix="/admin/agents")
colleagues_router = SlashAgnosticRouter(prefix="/admin/colleagues")

Common = Annotated[CommonPasswords, Depends(Provide[Container.common_passwords])]
Clocks = Annotated[Clock, Depends(Provide[Container.clock])]
Signals = Annotated[Signaller, Depends(Provide[Container.pubsub])]


async def _out(account: AgentAccount, presence: AgentPresence) -> AgentOut:
    """`status`: online or away while a desk of theirs is open on any instance (ADR 0046)."""
    status = await presence.status_of(account.username) if account.active else "offline"
    return AgentOut.model_validate({"username": account.username,
                                    "display_name": account.display_name,
                                    "role": account.role, "active": account.active,
                                    "status": status})


@router.get("/")
@inject
async def list_agents(admin: Admin, store: Accounts, presence: Presences) -> list[AgentOut]:
    return [await _out(account, presence) for account in await store.all()]


@router.post("/", status_code=201)
@inject
async def create_agent(body: AgentIn, admin: Admin, store: Accounts, hasher: Hasher,
                       clock: Clocks, common: Common, presence: Presences) -> AgentOut:
    created = await accounts.create_account(store, hasher, clock, body.username, body.password,
                                            body.display_name, body.role, common)
    return await _out(created, presence)


@router.patch("/{username}/")
@inject
async def change_agent(username: str, body: AgentChangeIn, admin: Admin, store: Accounts,
                       signals: Signals, presence: Presences) -> AgentOut:
    changed = await accounts.change_account(store, signals, admin, username, active=body.active,
                                            role=body.role, display_name=body.display_name)
    return await _out(changed, presence)


@colleagues_router.get("/")
@inject
async def list_colleagues(agent: Agent, store: Accounts,
                          presence: Presences) -> list[ColleagueOut]:
    """Any agent: the team's active accounts and who is online, to hand a conversation to
    (ADR 0047). Roles and disabled accounts stay the admins' to see."""
    listed = [await _out(account, presence) for account in await store.all() if account.active]
    return [ColleagueOut(username=a.username, display_name=a.display_name, status=a.status)
            for a in listed]
