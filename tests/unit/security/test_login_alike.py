"""Unknown and known usernames answer alike: one password verification each, the same refusal."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from adapters.memory.agents import InMemoryAgentAccounts
from application.auth import InvalidCredentials, IssuedToken, login, register_agent
from tests.unit.conftest import FixedClock

DUMMY = "dummy-hash"


@dataclass
class CountingHasher:
    """Hashes by prefixing; counts every verification and the hash it was asked about."""

    verified: list[str] = field(default_factory=list)

    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        self.verified.append(password_hash)
        return password_hash == f"hashed:{password}"

    @property
    def dummy_hash(self) -> str:
        return DUMMY


class Tokens:
    def issue(self, username: str) -> IssuedToken:
        return IssuedToken(f"token-for-{username}", 60)

    def verify(self, token: str) -> str | None:
        return None

    def expires_at(self, token: str) -> None:
        return None


@pytest.fixture
async def accounts() -> InMemoryAgentAccounts:
    accounts = InMemoryAgentAccounts()
    await register_agent(accounts, CountingHasher(), FixedClock(), "sara", "correct password")
    return accounts


async def refusal(accounts: InMemoryAgentAccounts, hasher: CountingHasher, username: str,
                  password: str) -> str:
    with pytest.raises(InvalidCredentials) as refused:
        await login(accounts, hasher, Tokens(), username, password)
    return repr(refused.value)


async def test_a_known_user_with_the_right_password_is_verified_once(
        accounts: InMemoryAgentAccounts) -> None:
    hasher = CountingHasher()
    issued = await login(accounts, hasher, Tokens(), "sara", "correct password")
    assert issued.access_token == "token-for-sara"
    assert hasher.verified == ["hashed:correct password"]


async def test_unknown_and_known_users_cost_one_verification_and_get_one_answer(
        accounts: InMemoryAgentAccounts) -> None:
    known, unknown = CountingHasher(), CountingHasher()
    wrong_password = await refusal(accounts, known, "sara", "a wrong guess")
    no_such_user = await refusal(accounts, unknown, "nobody", "a wrong guess")
    assert known.verified == ["hashed:correct password"]
    assert unknown.verified == [DUMMY]  # as slow as a real account: argon2 all the same
    assert wrong_password == no_such_user


async def test_the_right_password_of_another_account_does_not_open_an_unknown_one(
        accounts: InMemoryAgentAccounts) -> None:
    hasher = CountingHasher()
    await refusal(accounts, hasher, "nobody", "correct password")
    assert hasher.verified == [DUMMY]


def test_the_real_hasher_keeps_a_dummy_argon2id_hash_for_unknown_users() -> None:
    from adapters.security import Argon2PasswordHasher

    hasher = Argon2PasswordHasher(memory_cost=8, time_cost=1)
    assert hasher.dummy_hash.startswith("$argon2id$")
    assert hasher.dummy_hash == hasher.dummy_hash  # made once, not per login
    assert not hasher.verify(hasher.dummy_hash, "")


class ThreadNotingHasher(CountingHasher):
    """Notes the thread each hash and verification ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[int] = []

    def hash(self, password: str) -> str:
        self.threads.append(threading.get_ident())
        return super().hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        self.threads.append(threading.get_ident())
        return super().verify(password_hash, password)


async def test_hashing_and_verifying_run_off_the_event_loop() -> None:
    """Argon2 costs tens of milliseconds on purpose: on the loop, every socket would wait."""
    hasher, accounts = ThreadNotingHasher(), InMemoryAgentAccounts()
    await register_agent(accounts, hasher, FixedClock(), "sara", "correct password")
    await login(accounts, hasher, Tokens(), "sara", "correct password")
    with pytest.raises(InvalidCredentials):
        await login(accounts, hasher, Tokens(), "nobody", "correct password")
    assert len(hasher.threads) == 3
    assert threading.get_ident() not in hasher.threads
