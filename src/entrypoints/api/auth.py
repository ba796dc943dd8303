"""Agents log in with a username and password and get a signed, expiring bearer token."""

from dependency_injector.wiring import inject

from application import auth
from entrypoints.api.dependencies import Accounts, Hasher, Tokens
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import LoginIn, TokenOut
from entrypoints.security.dependencies import ClientAddress, Throttling

router = SlashAgnosticRouter(prefix="/auth")


@router.post("/login/")
@inject
async def login(credentials: LoginIn, accounts: Accounts, hasher: Hasher,
                tokens: Tokens, address: ClientAddress, throttle: Throttling) -> TokenOut:
    # Limited before the password is evaluated: per address, then per account (ADR 0015).
    await throttle.login_attempt(credentials.username, address)
    issued = await auth.login(accounts, hasher, tokens, credentials.username,
                              credentials.password)
    return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)
