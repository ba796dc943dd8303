"""Agents log in with a username and password and get a signed, expiring bearer token."""

from typing import Annotated

from dependency_injector.wiring import inject
from fastapi import Cookie, Header, Request, Response

from application import auth
from entrypoints.api.dependencies import BEARER, Accounts, Agent, Hasher, Tokens
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import LoginIn, TicketOut, TokenOut
from entrypoints.security.dependencies import ClientAddress, Throttling

router = SlashAgnosticRouter(prefix="/auth")


DEVICE_COOKIE = "pasokh_device"
DEVICE_COOKIE_DAYS = 180


@router.post("/login/")
@inject
async def login(credentials: LoginIn, request: Request, response: Response,
                accounts: Accounts, hasher: Hasher, tokens: Tokens, address: ClientAddress,
                throttle: Throttling,
                device_cookie: Annotated[str | None, Cookie(alias=DEVICE_COOKIE)] = None,
                ) -> TokenOut:
    # Limited before the password is evaluated: per address, then per account, or per
    # device for a browser this account logged in from before (ADR 0015, docs/security.md).
    device = tokens.device(device_cookie, credentials.username) if device_cookie else None
    await throttle.login_attempt(credentials.username, address, device)
    issued = await auth.login(accounts, hasher, tokens, credentials.username,
                              credentials.password)
    if device is None:
        response.set_cookie(DEVICE_COOKIE, tokens.issue_device(credentials.username),
                            max_age=DEVICE_COOKIE_DAYS * 24 * 3600, path="/chat/api/auth/",
                            secure=request.url.scheme == "https", httponly=True,
                            samesite="strict")
    return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)


@router.post("/ticket/")
@inject
async def socket_ticket(agent: Agent, tokens: Tokens,
                        authorization: Annotated[str | None, Header()] = None) -> TicketOut:
    """A single-use ticket, valid for 30 seconds, to open the desk's socket with
    (`/ws/admin/chat/?ticket=...`), so the long-lived access token never sits in a URL."""
    token = (authorization or "")[len(BEARER):].strip()
    expires_at = tokens.expires_at(token)
    assert expires_at is not None  # `agent` verified this token a moment ago
    issued = tokens.issue_ticket(agent, expires_at)
    return TicketOut(ticket=issued.access_token, expires_in=issued.expires_in)
