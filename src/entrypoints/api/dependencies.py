"""What routes may ask for, provided by the container through wiring.

No `from __future__ import annotations` in wired modules: the injector reads the
`Annotated` markers from real annotations, not from strings.
"""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends, Header

from application.messagebus import MessageBus
from application.ports import AgentAccounts, PasswordHasher, ReadModels, Subscriber, TokenIssuer
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


def agent_from(tokens: TokenIssuer, authorization: str | None) -> str:
    """The username in a valid bearer token, or 401."""
    if not authorization or not authorization.lower().startswith(BEARER):
        raise unauthorized()
    username = tokens.verify(authorization[len(BEARER):].strip())
    if username is None:
        raise unauthorized("the token is invalid or expired")
    return username


@inject
async def current_agent(
    tokens: Tokens, accounts: Accounts, authorization: Annotated[str | None, Header()] = None
) -> str:
    """The agent of a valid token whose account still exists (a removed account's tokens
    stop working at once, on every instance: the account is read from the store)."""
    username = agent_from(tokens, authorization)
    if await accounts.get(username) is None:
        raise unauthorized("the account of this token no longer exists")
    return username


Agent = Annotated[str, Depends(current_agent)]
