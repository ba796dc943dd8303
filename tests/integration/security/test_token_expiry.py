"""An agent's open socket closes with 4401 when its token expires; REST refuses it too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers
from starlette.websockets import WebSocketDisconnect

from adapters.security import JwtTokenIssuer
from tests.integration.api.conftest import SECRET
from tests.integration.api.support import API, Socket, bearer
from tests.integration.security.conftest import Start, add_agent

TTL = 60
LEFT = 1.5  # seconds the token still has when the socket opens


class IssuedEarlier:
    """Issues tokens as if it were TTL - LEFT seconds ago: they expire LEFT seconds from now."""

    def now(self) -> datetime:
        return datetime.now(UTC) - timedelta(seconds=TTL - LEFT)


def test_an_open_agent_socket_closes_with_4401_when_its_token_expires(start: Start) -> None:
    client, container = start()
    add_agent(client, container, "sara")
    container.token_issuer.override(providers.Singleton(
        JwtTokenIssuer, secret=SECRET, ttl_seconds=TTL, clock=IssuedEarlier()))
    token = container.token_issuer().issue("sara").access_token
    assert client.get(f"{API}/admin/queue/", headers=bearer(token)).status_code == 200
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as session:
        socket = Socket(session)
        assert socket.receive()["type"] == "snapshot"
        with pytest.raises(WebSocketDisconnect) as closed:
            while True:  # the team hears sara arrive (a presence frame); then the close
                assert socket.receive(timeout=LEFT + 5)["type"] == "presence"
    assert closed.value.code == 4401
    assert client.get(f"{API}/admin/queue/", headers=bearer(token)).status_code == 401


def test_a_socket_with_a_fresh_token_stays_open(start: Start) -> None:
    client, container = start()
    add_agent(client, container, "sara")
    token = container.token_issuer().issue("sara").access_token
    with client.websocket_connect(f"/ws/admin/chat/?token={token}") as session:
        socket = Socket(session)
        assert socket.receive()["type"] == "snapshot"
        session.send_json({"type": "history", "session_key": "x" * 32})
        frame = socket.receive(timeout=LEFT + 1)
        while frame["type"] == "presence":  # the team hears sara arrive
            frame = socket.receive(timeout=LEFT + 1)
        assert frame["type"] == "error"  # answered, not closed
