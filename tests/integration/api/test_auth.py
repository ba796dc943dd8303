"""Agents log in for a bearer token; admin endpoints answer 401 without a valid one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from adapters.security import JwtTokenIssuer
from entrypoints.container import Container
from tests.integration.api.conftest import ADMIN, ADMIN_PASSWORD, SECRET
from tests.integration.api.support import API, bearer, in_app

ADMIN_PATHS = ["/admin/queue/", "/admin/queue", "/admin/active-chats/", "/admin/active-chats"]


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


@pytest.mark.parametrize("path", ["/auth/login/", "/auth/login"])
def test_login_returns_a_bearer_token_that_opens_admin_endpoints(
        client: TestClient, admin_token: str, path: str) -> None:
    response = client.post(f"{API}{path}", json={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    claims = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert claims["sub"] == ADMIN
    assert claims["exp"] - claims["iat"] == 3600
    for admin_path in ADMIN_PATHS:
        assert client.get(f"{API}{admin_path}", headers=bearer(body["access_token"])).json() == []


@pytest.mark.parametrize(("username", "password"), [
    (ADMIN, "wrong password"), ("nobody", ADMIN_PASSWORD), (ADMIN, ""),
])
def test_wrong_credentials_are_refused(client: TestClient, admin_token: str, username: str,
                                       password: str) -> None:
    response = client.post(f"{API}/auth/login/",
                           json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthorized",
                                         "message": "invalid username or password"}}


@pytest.mark.parametrize(("body", "field"), [
    ({"username": ADMIN}, "password"), ({"password": "x"}, "username"),
    ({"username": 1, "password": "x"}, "username"),
])
def test_a_malformed_login_is_invalid(client: TestClient, body: dict[str, object],
                                      field: str) -> None:
    response = client.post(f"{API}/auth/login/", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith(field)


@pytest.mark.parametrize(("body", "field"), [
    (f'{{"username": "{ADMIN}", "password": "half \\ud800 a character"}}', "password"),
    ('{"username": "\\udfff", "password": "x"}', "username"),
])
def test_a_login_holding_half_a_character_is_invalid(client: TestClient, body: str,
                                                     field: str) -> None:
    """No domain rule sees a password before it is hashed: pydantic's length-checked
    strings refuse text that is not Unicode, so argon2 never meets it."""
    response = client.post(f"{API}/auth/login/", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["message"].startswith(f"{field}: ")


def expired_token() -> str:
    issuer = JwtTokenIssuer(SECRET, 60, FixedClock(datetime.now(UTC) - timedelta(hours=2)))
    return issuer.issue(ADMIN).access_token


def forged_token() -> str:
    return JwtTokenIssuer("another-secret-" * 3, 60, FixedClock(datetime.now(UTC))).issue(
        ADMIN).access_token


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Bearer nonsense"},
    {"Authorization": "Basic YWRtaW46cGFzc3dvcmQ="},
])
@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_admin_endpoints_need_a_bearer_token(client: TestClient, headers: dict[str, str],
                                             path: str) -> None:
    response = client.get(f"{API}{path}", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("token", [expired_token(), forged_token()])
def test_expired_and_forged_tokens_are_refused(client: TestClient, admin_token: str,
                                               token: str) -> None:
    response = client.get(f"{API}/admin/queue/", headers=bearer(token))
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthorized",
                                         "message": "the token is invalid or expired"}}
    assert client.get(f"{API}/admin/queue/", headers=bearer(admin_token)).status_code == 200


def test_the_tokens_of_a_removed_account_stop_working_at_once(
        client: TestClient, container: Container, admin_token: str) -> None:
    assert client.get(f"{API}/admin/queue/", headers=bearer(admin_token)).status_code == 200
    with client.websocket_connect(f"/ws/admin/chat/?token={admin_token}") as desk:
        assert desk.receive_json()["type"]  # the desk opens while the account exists
    in_app(client, container.agent_accounts().remove, ADMIN)
    refused = client.get(f"{API}/admin/queue/", headers=bearer(admin_token))
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    with pytest.raises(WebSocketDisconnect) as closed, \
            client.websocket_connect(f"/ws/admin/chat/?token={admin_token}") as desk:
        desk.receive_json()
    assert closed.value.code == 4401


def ticket_for(client: TestClient, token: str) -> str:
    response = client.post(f"{API}/auth/ticket/", headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["expires_in"] == 30
    return str(response.json()["ticket"])


def refused_on_the_desk_socket(client: TestClient, query: str) -> int:
    with pytest.raises(WebSocketDisconnect) as closed, \
            client.websocket_connect(f"/ws/admin/chat/?{query}") as desk:
        desk.receive_json()
    return closed.value.code


def test_a_socket_ticket_opens_the_desk_once(client: TestClient, admin_token: str) -> None:
    ticket = ticket_for(client, admin_token)
    with client.websocket_connect(f"/ws/admin/chat/?ticket={ticket}") as desk:
        snapshot = desk.receive_json()
        assert snapshot["type"] == "snapshot" and snapshot["agent"] == ADMIN
    # read from a log and replayed, it opens nothing
    assert refused_on_the_desk_socket(client, f"ticket={ticket}") == 4401
    # a fresh one works again
    with client.websocket_connect(f"/ws/admin/chat/?ticket={ticket_for(client, admin_token)}") \
            as desk:
        assert desk.receive_json()["type"] == "snapshot"


def test_a_ticket_needs_a_valid_token_and_is_no_token_itself(
        client: TestClient, admin_token: str) -> None:
    assert client.post(f"{API}/auth/ticket/").status_code == 401
    assert client.post(f"{API}/auth/ticket/", headers=bearer("nonsense")).status_code == 401
    ticket = ticket_for(client, admin_token)
    # neither REST nor the socket's token parameter takes a ticket, nor the ticket a token
    assert client.get(f"{API}/admin/queue/", headers=bearer(ticket)).status_code == 401
    assert refused_on_the_desk_socket(client, f"token={ticket}") == 4401
    assert refused_on_the_desk_socket(client, f"ticket={admin_token}") == 4401


def test_a_ticket_expires_after_thirty_seconds_and_carries_the_token_expiry() -> None:
    moment = datetime.now(UTC).replace(microsecond=0)  # PyJWT checks `exp` against real time
    clock = FixedClock(moment)
    issuer = JwtTokenIssuer(SECRET, 3600, clock)
    token_expiry = moment + timedelta(minutes=50)
    ticket = issuer.issue_ticket(ADMIN, token_expiry).access_token
    claims = issuer.ticket(ticket)
    assert claims is not None
    assert (claims.username, claims.access_expires_at) == (ADMIN, token_expiry)
    decoded = jwt.decode(ticket, SECRET, algorithms=["HS256"])
    assert decoded["exp"] - decoded["iat"] == 30
    # a ticket never outlives the token it was obtained with
    short = issuer.issue_ticket(ADMIN, moment + timedelta(seconds=5)).access_token
    decoded = jwt.decode(short, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert decoded["exp"] - decoded["iat"] == 5
    expired = jwt.encode({**decoded, "exp": moment - timedelta(seconds=1)}, SECRET,
                         algorithm="HS256")
    assert issuer.ticket(expired) is None
