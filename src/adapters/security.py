"""Password hashing with argon2id and signed, expiring access tokens with PyJWT (HS256)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

import jwt
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from application.ports import TICKET_TTL_SECONDS, Clock, IssuedToken, SocketTicket
from application.rate_limits import account_key

# OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
MEMORY_COST_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1

TOKEN_TYPE = "access"
TICKET_TYPE = "socket-ticket"
DEVICE_TYPE = "device"
DEVICE_TTL = timedelta(days=180)
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

    def issue_ticket(self, username: str, access_expires_at: datetime) -> IssuedToken:
        now = self._clock.now()
        claims = {"sub": username, "typ": TICKET_TYPE, "iat": now, "jti": secrets.token_urlsafe(16),
                  "exp": min(now + timedelta(seconds=TICKET_TTL_SECONDS), access_expires_at),
                  "acc": int(access_expires_at.timestamp())}
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM),
                           TICKET_TTL_SECONDS)

    def issue_device(self, username: str) -> str:
        now = self._clock.now()
        claims = {"sub": account_key(username), "typ": DEVICE_TYPE, "iat": now,
                  "exp": now + DEVICE_TTL, "jti": secrets.token_urlsafe(16)}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def device(self, cookie: str, username: str) -> str | None:
        claims = self._claims(cookie, DEVICE_TYPE, ("jti",))
        if claims is None or claims["sub"] != account_key(username) \
                or not isinstance(claims.get("jti"), str):
            return None
        return str(claims["jti"])

    def ticket(self, ticket: str) -> SocketTicket | None:
        claims = self._claims(ticket, TICKET_TYPE, ("jti", "acc"))
        if claims is None or not isinstance(claims.get("jti"), str) \
                or not isinstance(claims.get("acc"), int):
            return None
        return SocketTicket(claims["sub"], claims["jti"],
                            datetime.fromtimestamp(claims["acc"], UTC))

    def verify(self, token: str) -> str | None:
        claims = self._claims(token)
        return str(claims["sub"]) if claims else None

    def expires_at(self, token: str) -> datetime | None:
        claims = self._claims(token)
        return datetime.fromtimestamp(claims["exp"], UTC) if claims else None

    def _claims(self, token: str, kind: str = TOKEN_TYPE,
                required: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """The claims of a well-signed, unexpired token of this kind (PyJWT checks `exp`):
        a ticket is not an access token, nor the other way round."""
        try:
            claims = jwt.decode(token, self._secret, algorithms=[ALGORITHM],
                                options={"require": ["exp", "iat", "sub", "typ", *required]})
        except jwt.InvalidTokenError:
            return None
        if claims.get("typ") != kind or not isinstance(claims.get("sub"), str):
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
