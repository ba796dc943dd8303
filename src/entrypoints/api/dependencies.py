"""What routes may ask for, provided by the container through wiring.

No `from __future__ import annotations` in wired modules: the injector reads the
`Annotated` markers from real annotations, not from strings.
"""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends, Header

from application.accounts import ensure_admin
from application.messagebus import MessageBus
from application.ports import (
    AgentAccount,
    AgentAccounts,
    DeviceNames,
    PasswordHasher,
    Presence,
    ReadModels,
    Subscriber,
    TokenIssuer,
)
from entrypoints.container import Container
from entrypoints.display_names import DisplayNames
from entrypoints.errors import unauthorized
from entrypoints.ws.registry import SocketRegistry

BEARER = "bearer "

Bus = Annotated[MessageBus, Depends(Provide[Container.bus])]
Reads = Annotated[ReadModels, Depends(Provide[Container.read_models])]
Live = Annotated[Subscriber, Depends(Provide[Container.pubsub])]
Accounts = Annotated[AgentAccounts, Depends(Provide[Container.agent_accounts])]
Hasher = Annotated[PasswordHasher, Depends(Provide[Container.password_hasher])]
Tokens = Annotated[TokenIssuer, Depends(Provide[Container.token_issuer])]
Sockets = Annotated[SocketRegistry, Depends(Provide[Container.sockets])]
Names = Annotated[DisplayNames, Depends(Provide[Container.display_names])]
Devices = Annotated[DeviceNames, Depends(Provide[Container.device_names])]
Presences = Annotated[Presence, Depends(Provide[Container.presence])]


def agent_from(tokens: TokenIssuer, authorization: str | None) -> str:
    """The username in a valid bearer token, or 401."""
    if not authorization or not authorization.lower().startswith(BEARER):
        raise unauthorized()
    username = tokens.verify(authorization[len(BEARER):].strip())
    if username is None:
        raise unauthorized("the token is invalid or expired")
    return username


@inject
async def current_account(
    tokens: Tokens, accounts: Accounts, authorization: Annotated[str | None, Header()] = None
) -> AgentAccount:
    """The account of a valid token, still there and active (a removed or disabled account's
    tokens stop working at once, on every instance: the account is read from the store)."""
    account = await accounts.get(agent_from(tokens, authorization))
    if account is None or not account.active:
        raise unauthorized("the account of this token is disabled or no longer exists")
    return account


async def current_agent(account: Annotated[AgentAccount, Depends(current_account)]) -> str:
    return account.username


async def current_admin(account: Annotated[AgentAccount, Depends(current_account)]) -> str:
    """An admin's username; an agent's token gets 403 `forbidden`."""
    ensure_admin(account)
    return account.username


Agent = Annotated[str, Depends(current_agent)]
Admin = Annotated[str, Depends(current_admin)]
