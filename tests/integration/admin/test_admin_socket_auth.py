"""The agents' socket lets in only holders of a valid access token; the others get 4401."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from starlette.websockets import WebSocketDisconnect

from adapters.security import JwtTokenIssuer
from tests.integration.admin.support import ManualClock, OpenDesk
from tests.integration.api.conftest import SECRET


def expired_token() -> str:
    clock = ManualClock()
    clock.current = datetime.now(UTC) - timedelta(hours=2)
    return JwtTokenIssuer(SECRET, ttl_seconds=60, clock=clock).issue("sara").access_token


def forged_token() -> str:
    other = "somebody-elses-secret-key-0123456789abcdef"
    return JwtTokenIssuer(other, ttl_seconds=600, clock=ManualClock()).issue("sara").access_token


@pytest.mark.parametrize("query", ["", "?token=", "?token=not-a-jwt", "?other=1"])
def test_without_a_token_the_socket_closes_with_4401(desk: OpenDesk, query: str) -> None:
    with pytest.raises(WebSocketDisconnect) as closed:
        desk("sara", query).receive()
    assert closed.value.code == 4401


@pytest.mark.parametrize("make", [forged_token, expired_token], ids=["forged", "expired"])
def test_a_forged_or_expired_token_closes_with_4401(desk: OpenDesk, make: object) -> None:
    assert callable(make)
    with pytest.raises(WebSocketDisconnect) as closed:
        desk("sara", f"?token={make()}").receive()
    assert closed.value.code == 4401


@pytest.mark.parametrize("slash", ["/", ""])
def test_a_valid_token_opens_with_a_snapshot(desk: OpenDesk, slash: str) -> None:
    frame = desk("sara", slash=slash).receive()
    assert frame == {"type": "snapshot", "agent": "sara", "role": "admin",
                     "display_name": "sara", "max_chats": 2, "queue": [], "active_chats": [],
                     "availability": "online", "assignment": "manual"}
