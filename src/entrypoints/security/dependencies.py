"""What routes and sockets may ask for to apply the limits, provided by the container.

No `from __future__ import annotations` in wired modules: the injector reads the
`Annotated` markers from real annotations, not from strings.
"""

from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends, Request

from application.rate_limits import Throttle
from entrypoints.container import Container
from entrypoints.security.client_address import ClientAddresses
from entrypoints.security.network_tags import NetworkTags

Throttling = Annotated[Throttle, Depends(Provide[Container.throttle])]
Addresses = Annotated[ClientAddresses, Depends(Provide[Container.client_addresses])]


@inject
async def client_address(request: Request, addresses: Addresses) -> str:
    """The client's address, from trusted proxies' X-Forwarded-For when behind them."""
    return addresses.of_scope(request.scope)


ClientAddress = Annotated[str, Depends(client_address)]
Tags = Annotated[NetworkTags, Depends(Provide[Container.network_tags])]


@inject
async def client_network(address: ClientAddress, tags: Tags) -> str:
    """The keyed tag of the client's network (entrypoints/security/network_tags.py)."""
    return tags.of(address)


ClientNetwork = Annotated[str, Depends(client_network)]


@inject
async def limit_session_starts(address: ClientAddress, throttle: Throttling) -> None:
    """429 rate_limited (with Retry-After) past PASOKH_SESSION_RATE_LIMIT per minute."""
    await throttle.session_start(address)


SessionStartAllowed = Annotated[None, Depends(limit_session_starts)]
