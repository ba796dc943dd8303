"""Agent accounts: registration and login, behind hashing and token ports."""

from __future__ import annotations

import asyncio

from application.ports import (
    ADMIN,
    TICKET_TTL_SECONDS,
    AgentAccount,
    AgentAccounts,
    Clock,
    CommonPasswords,
    IssuedToken,
    PasswordHasher,
    SocketTicket,
    TicketUses,
    TokenIssuer,
)

MIN_PASSWORD_LENGTH = 12  # NIST SP 800-63B asks for 8 at least; 12 for accounts that chat
MIN_DISTINCT_CHARACTERS = 5  # "aaaaaaaaaaaa" is long, not strong


class InvalidCredentials(Exception):
    pass


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
                         common: CommonPasswords = frozenset(), *, role: str = ADMIN) -> None:
    """`role` defaults to admin: `pasokh create-admin`, and every caller from before roles,
    made admins; the desk names the role of each account it makes."""
    username = username.strip()
    if not username:
        raise ValueError("username must not be empty")
    check_password(password, common)
    # Hashing takes tens of milliseconds of CPU on purpose; the event loop must not wait on it.
    password_hash = await asyncio.to_thread(hasher.hash, password)
    await accounts.save(AgentAccount(username, password_hash, display_name or username,
                                     clock.now(), role=role))


async def login(accounts: AgentAccounts, hasher: PasswordHasher, tokens: TokenIssuer,
                username: str, password: str) -> IssuedToken:
    """One password verification whether or not the account exists, and the same refusal,
    so neither the answer nor its timing tells an attacker which usernames are real.
    The verification runs in a worker thread: every socket of the instance goes on meanwhile."""
    account = await accounts.get(username)
    stored = account.password_hash if account else hasher.dummy_hash
    verified = await asyncio.to_thread(hasher.verify, stored, password)
    if not verified or account is None or not account.active:
        raise InvalidCredentials()
    return tokens.issue(account.username)
