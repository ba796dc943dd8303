"""Who may use the desk and as what: admins make, change and disable the accounts."""

from __future__ import annotations

from dataclasses import replace

from application import auth
from application.errors import NotFound
from application.ports import (
    ACCOUNT_DISABLED,
    ROLES,
    AgentAccount,
    AgentAccounts,
    Clock,
    CommonPasswords,
    PasswordHasher,
    Signal,
    Signaller,
    account_stream,
)


class Forbidden(Exception):
    """Only an admin may do this."""


class AccountExists(Exception):
    pass


class UnknownAccount(NotFound):
    pass


class OwnAccount(ValueError):
    """An admin who disables or demotes themselves could leave the desk with no admin."""


def ensure_admin(account: AgentAccount) -> None:
    if not account.is_admin:
        raise Forbidden("only an admin may do this")


def _role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    return role


async def create_account(accounts: AgentAccounts, hasher: PasswordHasher, clock: Clock,
                         username: str, password: str, display_name: str | None, role: str,
                         common: CommonPasswords = frozenset()) -> AgentAccount:
    username = username.strip()
    if await accounts.get(username) is not None:
        raise AccountExists(f"an account named {username!r} already exists")
    await auth.register_agent(accounts, hasher, clock, username, password, display_name,
                              common, role=_role(role))
    created = await accounts.get(username)
    assert created is not None
    return created


async def change_account(accounts: AgentAccounts, signals: Signaller, by: str, username: str,
                         *, active: bool | None = None, role: str | None = None,
                         display_name: str | None = None) -> AgentAccount:
    """The account with what changed; a disabled one's open sockets are told to close."""
    account = await accounts.get(username)
    if account is None:
        raise UnknownAccount(username)
    if username == by and (active is False or (role is not None and role != account.role)):
        raise OwnAccount("you cannot disable or demote your own account")
    changed = replace(
        account,
        active=account.active if active is None else active,
        role=account.role if role is None else _role(role),
        display_name=(display_name or "").strip() or account.display_name)
    await accounts.save(changed)
    if not changed.active:
        await signals.signal(Signal(account_stream(username), ACCOUNT_DISABLED, username))
    return changed
