"""Steps of team_accounts.feature: accounts made and switched off by an admin."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.pubsub import InProcessPubSub, InProcessSubscription
from application import accounts
from application.auth import InvalidCredentials, IssuedToken, login
from application.ports import ACCOUNT_DISABLED, ALL_STREAMS, Signal
from tests.features.harness import FixedClock, Pasokh
from tests.features.support import attempt

scenarios("team_accounts.feature")

PASSWORDS = {"Sara": "sara-has-a-long-password", "Omid": "omid-has-a-long-password",
             "Mina": "mina-has-a-long-password"}


class PlainHasher:
    """Fast and readable: the specs are about who may do what, not about hashing."""

    dummy_hash = "plain:"

    def hash(self, password: str) -> str:
        return f"plain:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"plain:{password}"


class Tokens:
    def issue(self, username: str) -> IssuedToken:
        return IssuedToken(f"token-of-{username}", 3600)


@dataclass
class Team:
    accounts: InMemoryAgentAccounts = field(default_factory=InMemoryAgentAccounts)
    live: InProcessPubSub = field(default_factory=InProcessPubSub)
    desks: dict[str, InProcessSubscription] = field(default_factory=dict)


@pytest.fixture
def team() -> Team:
    return Team()


def add(pasokh: Pasokh, team: Team, by: str | None, name: str, role: str) -> None:
    async def adding() -> None:
        if by is not None:
            author = await team.accounts.get(by.lower())
            assert author is not None
            accounts.ensure_admin(author)
        await accounts.create_account(team.accounts, PlainHasher(), FixedClock(), name.lower(),
                                      PASSWORDS[name], name, role)

    pasokh.run(adding())


def signs_in(pasokh: Pasokh, team: Team, name: str) -> bool:
    try:
        pasokh.run(login(team.accounts, PlainHasher(), Tokens(),  # type: ignore[arg-type]
                         name.lower(), PASSWORDS[name]))
    except InvalidCredentials:
        return False
    return True


@given(parsers.parse("{name} is an admin"))
def an_admin(pasokh: Pasokh, team: Team, name: str) -> None:
    add(pasokh, team, None, name, "admin")


@given(parsers.parse("{name} is an agent with the desk open"))
def an_agent_at_the_desk(pasokh: Pasokh, team: Team, name: str) -> None:
    add(pasokh, team, None, name, "agent")
    team.desks[name] = pasokh.run(team.live.subscribe(ALL_STREAMS))


@when(parsers.parse("{admin} adds {name} to the team as an agent"))
def adds_agent(pasokh: Pasokh, team: Team, admin: str, name: str) -> None:
    add(pasokh, team, admin, name, "agent")


@when(parsers.parse("{who} tries to add {name} to the team"), target_fixture="refusal")
def tries_to_add(pasokh: Pasokh, team: Team, who: str, name: str) -> Exception | None:
    return attempt(lambda: add(pasokh, team, who, name, "agent"))


@when(parsers.parse("{admin} switches off {name}'s account"))
def switches_off(pasokh: Pasokh, team: Team, admin: str, name: str) -> None:
    pasokh.run(accounts.change_account(team.accounts, team.live, admin.lower(), name.lower(),
                                       active=False))


@when(parsers.parse("{admin} tries to switch off her own account"), target_fixture="refusal")
def tries_own(pasokh: Pasokh, team: Team, admin: str) -> Exception | None:
    return attempt(lambda: switches_off(pasokh, team, admin, admin))


@then(parsers.parse("{name} can sign in"))
def can_sign_in(pasokh: Pasokh, team: Team, name: str) -> None:
    assert signs_in(pasokh, team, name)


@then(parsers.parse("{name} can no longer sign in"))
def cannot_sign_in(pasokh: Pasokh, team: Team, name: str) -> None:
    assert not signs_in(pasokh, team, name)


@then(parsers.parse("{name} is on the team as an agent"))
def on_the_team(pasokh: Pasokh, team: Team, name: str) -> None:
    listed = pasokh.run(team.accounts.all())
    assert [(a.display_name, a.role, a.active) for a in listed if a.display_name == name] == [
        (name, "agent", True)]


@then(parsers.parse("{name}'s open desks close"))
def desks_close(pasokh: Pasokh, team: Team, name: str) -> None:
    told: Signal = pasokh.run(team.desks[name].queue.get())  # type: ignore[assignment]
    assert (told.kind, told.sender) == (ACCOUNT_DISABLED, name.lower())
