"""Agent accounts: registration and login, behind hashing and token ports."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.ports import AgentAccount, AgentAccounts, Clock

MIN_PASSWORD_LENGTH = 12  # NIST SP 800-63B asks for 8 at least; 12 for accounts that chat
MIN_DISTINCT_CHARACTERS = 5  # "aaaaaaaaaaaa" is long, not strong


class CommonPasswords(Protocol):
    """Passwords attackers try first (leaked lists): none may be an agent's."""

    def __contains__(self, password: object) -> bool: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    @property
    def dummy_hash(self) -> str:
        """A hash to verify against for unknown users, so both cases take the same time."""
        ...


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class SocketTicket:
    """What a ticket for the desk's socket says: whose it is, its one-time id, and when
    the access token it was obtained with expires (the socket closes then)."""

    username: str
    ticket_id: str
    access_expires_at: datetime


TICKET_TTL_SECONDS = 30  # obtained just before connecting


class TokenIssuer(Protocol):
    def issue(self, username: str) -> IssuedToken: ...

    def issue_ticket(self, username: str, access_expires_at: datetime) -> IssuedToken:
        """A short-lived ticket for opening the desk's socket, in place of the access token
        in its URL (proxies log URLs)."""
        ...

    def issue_device(self, username: str) -> str:
        """A long-lived device cookie for a browser that just logged in as this account
        (OWASP's device cookies): while the account is under attack, it still logs in."""
        ...

    def device(self, cookie: str, username: str) -> str | None:
        """The device's id when the cookie is well signed, unexpired and was issued for
        this account; None otherwise."""
        ...

    def ticket(self, ticket: str) -> SocketTicket | None:
        """A well-signed, unexpired ticket's claims; None otherwise. Whether it was used
        already is not known here: see redeem_ticket."""
        ...

    def verify(self, token: str) -> str | None:
        """The username the token was issued to, or None when invalid or expired."""
        ...

    def expires_at(self, token: str) -> datetime | None:
        """When a token that is valid now stops being accepted; None when it is not valid."""
        ...


class InvalidCredentials(Exception):
    pass


class TicketUses(Protocol):
    async def first_use(self, ticket_id: str, within_seconds: float) -> bool:
        """True the first time a ticket id is used (on any instance), False afterwards."""
        ...


async def redeem_ticket(tokens: TokenIssuer, uses: TicketUses, ticket: str) -> SocketTicket | None:
    """The ticket's claims if it is valid and this is its first use; a ticket read from a
    log, or replayed, opens nothing."""
    claims = tokens.ticket(ticket)
    if claims is None or not await uses.first_use(claims.ticket_id, 2 * TICKET_TTL_SECONDS):
        return None
    return claims


class WeakPassword(ValueError):
    pass


def check_password(password: str, common: CommonPasswords = frozenset()) -> None:
    """WeakPassword unless the password is long, varied and on no list of common ones."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:
        raise WeakPassword(f"password must use at least {MIN_DISTINCT_CHARACTERS} different "
                           "characters")
    if password in common or password.lower() in common:
        raise WeakPassword("password is on a list of common passwords; choose another")


async def register_agent(accounts: AgentAccounts, hasher: PasswordHasher, clock: Clock,
                         username: str, password: str, display_name: str | None = None,
                         common: CommonPasswords = frozenset()) -> None:
    username = username.strip()
    if not username:
        raise ValueError("username must not be empty")
    check_password(password, common)
    # Hashing takes tens of milliseconds of CPU on purpose; the event loop must not wait on it.
    password_hash = await asyncio.to_thread(hasher.hash, password)
    await accounts.save(AgentAccount(username, password_hash, display_name or username,
                                     clock.now()))


async def login(accounts: AgentAccounts, hasher: PasswordHasher, tokens: TokenIssuer,
                username: str, password: str) -> IssuedToken:
    """One password verification whether or not the account exists, and the same refusal,
    so neither the answer nor its timing tells an attacker which usernames are real.
    The verification runs in a worker thread: every socket of the instance goes on meanwhile."""
    account = await accounts.get(username)
    stored = account.password_hash if account else hasher.dummy_hash
    if not await asyncio.to_thread(hasher.verify, stored, password) or account is None:
        raise InvalidCredentials()
    return tokens.issue(account.username)
