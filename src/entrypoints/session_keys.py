"""Session keys as they arrive from clients: reject what cannot be one before any lookup."""

from __future__ import annotations

import re

from application.errors import SessionNotFound

# secrets.token_urlsafe output; generous bounds so keys can grow without breaking clients.
_WELL_FORMED = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


def is_well_formed(session_key: str) -> bool:
    return bool(_WELL_FORMED.match(session_key))


def require_well_formed(session_key: str) -> str:
    if not is_well_formed(session_key):
        raise SessionNotFound(session_key)
    return session_key
