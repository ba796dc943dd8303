"""Accounts and roles: an admin makes and changes accounts; disabling one signals every
instance; nobody disables or demotes themselves; a disabled account cannot log in."""

from __future__ import annotations

import pytest

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.pubsub import InProcessPubSub
from application.accounts import (
    AccountExists,
    Forbidden,
    OwnAccount,
    UnknownAccount,
    change_account,
    create_account,
    ensure_admin,
)
from application.auth import InvalidCredentials, WeakPassword, login
from application.ports import ACCOUNT_DISABLED, ALL_STREAMS, Signal, account_stream
from tests.unit.conftest import FixedClock
from tests.unit.security.test_login_alike import CountingHasher, Tokens

PASSWORD = "a-long-agent-password-42"


@pytest.fixture
def accounts() -> InMemoryAgentAccounts:
    return InMemoryAgentAccounts()


async def make(accounts: InMemoryAgentAccounts, username: str, role: str) -> None:
    await create_account(accounts, CountingHasher(), FixedClock(), username, PASSWORD, None, role)


async def test_an_account_is_made_with_its_role_and_display_name(
        accounts: InMemoryAgentAccounts) -> None:
    made = await create_account(accounts, CountingHasher(), FixedClock(), " omid ", PASSWORD,
                                "امید", "agent")
    assert (made.username, made.display_name, made.role, made.active) == (
        "omid", "امید", "agent", True)
    with pytest.raises(Forbidden):
        ensure_admin(made)
    with pytest.raises(AccountExists):
        await make(accounts, "omid", "admin")
    with pytest.raises(WeakPassword):
        await create_account(accounts, CountingHasher(), FixedClock(), "mina", "short", None,
                             "agent")
    with pytest.raises(ValueError, match="role"):
        await make(accounts, "mina", "owner")


async def test_disabling_an_account_tells_every_desk_and_refuses_its_login(
        accounts: InMemoryAgentAccounts) -> None:
    await make(accounts, "sara", "admin")
    await make(accounts, "omid", "agent")
    pubsub = InProcessPubSub()
    desks = await pubsub.subscribe(ALL_STREAMS)
    disabled = await change_account(accounts, pubsub, "sara", "omid", active=False)
    assert not disabled.active and not disabled.is_admin
    assert await desks.queue.get() == Signal(account_stream("omid"), ACCOUNT_DISABLED, "omid")
    with pytest.raises(InvalidCredentials):
        await login(accounts, CountingHasher(), Tokens(), "omid", PASSWORD)  # type: ignore[arg-type]


async def test_a_disabled_admin_is_no_admin(accounts: InMemoryAgentAccounts) -> None:
    await make(accounts, "sara", "admin")
    await make(accounts, "reza", "admin")
    reza = await change_account(accounts, InProcessPubSub(), "sara", "reza", active=False)
    with pytest.raises(Forbidden):
        ensure_admin(reza)


async def test_nobody_disables_or_demotes_themselves(accounts: InMemoryAgentAccounts) -> None:
    await make(accounts, "sara", "admin")
    for change in ({"active": False}, {"role": "agent"}):
        with pytest.raises(OwnAccount):
            await change_account(accounts, InProcessPubSub(), "sara", "sara", **change)  # type: ignore[arg-type]
    renamed = await change_account(accounts, InProcessPubSub(), "sara", "sara",
                                   display_name="Sara K.")
    assert (renamed.display_name, renamed.role, renamed.active) == ("Sara K.", "admin", True)
    with pytest.raises(UnknownAccount):
        await change_account(accounts, InProcessPubSub(), "sara", "nobody", active=False)
