"""The real clock and unguessable identifiers."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class SecureIds:
    def new_id(self) -> str:
        return uuid.uuid4().hex

    def new_session_key(self) -> str:
        return secrets.token_urlsafe(24)  # 192 bits, URL-safe
