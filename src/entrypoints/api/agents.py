"""The team's accounts: admins make, list, change and disable them.

No `from __future__ import annotations`: the injector reads the markers (dependencies.py)."""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends

from application import accounts
from application.ports import AgentAccount, Clock, CommonPasswords, Signaller
from entrypoints.api.dependencies import Accounts, Admin, Agent, Hasher, Sockets
from entrypoints.container import Container
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import AgentChangeIn, AgentIn, AgentOut, ColleagueOut
from entrypoints.ws.registry import SocketRegistry

router = SlashAgnosticRouter(prefix="/admin/agents")
colleagues_router = SlashAgnosticRouter(prefix="/admin/colleagues")

Common = Annotated[CommonPasswords, Depends(Provide[Container.common_passwords])]
Clocks = Annotated[Clock, Depends(Provide[Container.clock])]
Signals = Annotated[Signaller, Depends(Provide[Container.pubsub])]


def _out(account: AgentAccount, sockets: SocketRegistry) -> AgentOut:
    # online: a desk socket open on this instance (availability across instances: issue 14, 7)
    online = account.active and account.username in sockets.agents_here()
    return AgentOut(username=account.username, display_name=account.display_name,
                    role=account.role, active=account.active,
                    status="online" if online else "offline")


@router.get("/")
@inject
async def list_agents(admin: Admin, store: Accounts, sockets: Sockets) -> list[AgentOut]:
    return [_out(account, sockets) for account in await store.all()]


@router.post("/", status_code=201)
@inject
async def create_agent(body: AgentIn, admin: Admin, store: Accounts, hasher: Hasher,
                       clock: Clocks, common: Common, sockets: Sockets) -> AgentOut:
    created = await accounts.create_account(store, hasher, clock, body.username, body.password,
                                            body.display_name, body.role, common)
    return _out(created, sockets)


@router.patch("/{username}/")
@inject
async def change_agent(username: str, body: AgentChangeIn, admin: Admin, store: Accounts,
                       signals: Signals, sockets: Sockets) -> AgentOut:
    changed = await accounts.change_account(store, signals, admin, username, active=body.active,
                                            role=body.role, display_name=body.display_name)
    return _out(changed, sockets)


@colleagues_router.get("/")
@inject
async def list_colleagues(agent: Agent, store: Accounts,
                          sockets: Sockets) -> list[ColleagueOut]:
    """Any agent: the team's active accounts and who is online, to hand a conversation to
    (ADR 0047). Roles and disabled accounts stay the admins' to see."""
    listed = [_out(account, sockets) for account in await store.all() if account.active]
    return [ColleagueOut(username=a.username, display_name=a.display_name, status=a.status)
            for a in listed]
