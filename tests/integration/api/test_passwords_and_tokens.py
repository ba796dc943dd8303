"""The argon2id hasher and the JWT issuer behind login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from tests.integration.api.test_auth import FixedClock

SECRET = "token-tests-secret-" * 3


def test_passwords_are_hashed_with_argon2id_at_owasp_strength() -> None:
    hasher = Argon2PasswordHasher()
    hashed = hasher.hash("a long enough secret")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.hash("a long enough secret") != hashed  # salted
    assert hasher.verify(hashed, "a long enough secret")
    assert not hasher.verify(hashed, "a long enough secreT")


def test_unknown_users_are_checked_against_a_dummy_hash() -> None:
    hasher = Argon2PasswordHasher()
    assert hasher.dummy_hash.startswith("$argon2id$")
    assert hasher.dummy_hash == hasher.dummy_hash
    assert not hasher.verify(hasher.dummy_hash, "")
    assert not hasher.verify("not a hash at all", "anything")


def test_tokens_carry_subject_type_and_expiry() -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    token = JwtTokenIssuer(SECRET, 900, FixedClock(now)).issue("sara")
    assert token.expires_in == 900
    claims = jwt.decode(token.access_token, SECRET, algorithms=["HS256"])
    assert claims == {"sub": "sara", "typ": "access", "iat": int(now.timestamp()),
                      "exp": int((now + timedelta(seconds=900)).timestamp())}


def test_only_unexpired_access_tokens_signed_with_our_key_verify() -> None:
    issuer = JwtTokenIssuer(SECRET, 900, FixedClock(datetime.now(UTC)))
    assert issuer.verify(issuer.issue("sara").access_token) == "sara"
    stale = JwtTokenIssuer(SECRET, 60, FixedClock(datetime.now(UTC) - timedelta(minutes=5)))
    assert issuer.verify(stale.issue("sara").access_token) is None
    now = datetime.now(UTC)
    other_type = jwt.encode({"sub": "sara", "typ": "refresh", "iat": now,
                             "exp": now + timedelta(minutes=5)}, SECRET, algorithm="HS256")
    assert issuer.verify(other_type) is None
    unsigned = jwt.encode({"sub": "sara", "typ": "access", "iat": now,
                           "exp": now + timedelta(minutes=5)}, None, algorithm="none")
    assert issuer.verify(unsigned) is None
    assert issuer.verify("a.b.c") is None
