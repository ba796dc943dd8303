"""Password hashing with argon2id and signed, expiring access tokens with PyJWT (HS256)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

import jwt
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from application.ports import Clock, IssuedToken

# OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
MEMORY_COST_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1

TOKEN_TYPE = "access"
ALGORITHM = "HS256"


class Argon2PasswordHasher:
    def __init__(self, memory_cost: int = MEMORY_COST_KIB, time_cost: int = TIME_COST) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost,
                                      parallelism=PARALLELISM, type=Type.ID)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @cached_property
    def dummy_hash(self) -> str:
        return self._hasher.hash(secrets.token_urlsafe(16))


class JwtTokenIssuer:
    def __init__(self, secret: str, ttl_seconds: int, clock: Clock) -> None:
        if not secret:
            raise ValueError("the token signing secret must not be empty")
        self._secret = secret
        self._ttl = ttl_seconds
        self._clock = clock

    def issue(self, username: str) -> IssuedToken:
        now = self._clock.now()
        claims = {"sub": username, "typ": TOKEN_TYPE, "iat": now,
                  "exp": now + timedelta(seconds=self._ttl)}
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), self._ttl)

    def verify(self, token: str) -> str | None:
        claims = self._claims(token)
        return str(claims["sub"]) if claims else None

    def expires_at(self, token: str) -> datetime | None:
        claims = self._claims(token)
        return datetime.fromtimestamp(claims["exp"], UTC) if claims else None

    def _claims(self, token: str) -> dict[str, Any] | None:
        """The claims of a well-signed, unexpired access token (PyJWT checks `exp`)."""
        try:
            claims = jwt.decode(token, self._secret, algorithms=[ALGORITHM],
                                options={"require": ["exp", "iat", "sub", "typ"]})
        except jwt.InvalidTokenError:
            return None
        if claims.get("typ") != TOKEN_TYPE or not isinstance(claims.get("sub"), str):
            return None
        return dict(claims)


class LeakedPasswords:
    """The 30,000 most common passwords of leaked lists, as zxcvbn ships them (ADR 0030)."""

    def __init__(self) -> None:
        self._ranked: dict[str, int] | None = None

    def __contains__(self, password: object) -> bool:
        if not isinstance(password, str):
            return False
        if self._ranked is None:
            from zxcvbn.matching import RANKED_DICTIONARIES

            self._ranked = RANKED_DICTIONARIES["passwords"]
        return password in self._ranked
