"""Visitor messages per session, origins and open sockets per address, on the real app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.integration.api.support import API, Socket, start_session
from tests.integration.security.conftest import PROXY, Start, add_agent, via

SHOP = "https://shop.example"


@contextmanager
def visitor_socket(client: TestClient, key: str, **headers: str) -> Iterator[Socket]:
    with client.websocket_connect(f"/ws/chat/{key}/", headers=headers) as session:
        yield Socket(session)


def closed_with(client: TestClient, url: str, **headers: str) -> int:
    with client.websocket_connect(url, headers=headers) as session, \
            pytest.raises(WebSocketDisconnect) as closed:
        Socket(session).receive()
    return closed.value.code


def user_texts(client: TestClient, key: str) -> list[str]:
    history = client.get(f"{API}/history/{key}/").json()["messages"]
    return [m["text"] for m in history if m["sender"] == "user"]


def is_error(frame: dict[str, Any]) -> bool:
    return bool(frame["type"] == "error")


def test_a_message_over_the_rate_is_refused_unstored_and_the_socket_stays(start: Start) -> None:
    client, _ = start(chat_rate_limit=3)
    key = start_session(client)
    with visitor_socket(client, key) as socket:
        socket.receive()
        for n in range(3):
            socket.send({"type": "message", "text": f"question {n}"})
        socket.send({"type": "message", "text": "one too many", "client_id": "c-4"})
        error = socket.receive_until(is_error, limit=20)[-1]
        assert error["code"] == "rate_limited"
        assert error["message"]
        assert 0 < error["retry_after"] <= 60
        socket.send_text("still listening?")  # not JSON: an answer proves the socket reads
        assert socket.receive_until(is_error, limit=20)[-1]["code"] == "invalid"
    assert user_texts(client, key) == ["question 0", "question 1", "question 2"]


def test_each_conversation_has_its_own_rate(start: Start) -> None:
    client, _ = start(chat_rate_limit=1)
    for key in (start_session(client), start_session(client)):
        with visitor_socket(client, key) as socket:
            socket.receive()
            socket.send({"type": "message", "text": "hello"})
            echo = socket.receive()
            assert echo["type"] == "message" and echo["message"]["text"] == "hello"


def test_without_a_list_any_page_may_open_the_visitor_socket(start: Start) -> None:
    client, _ = start()
    key = start_session(client)
    with visitor_socket(client, key, origin="https://anywhere.example") as socket:
        assert socket.receive()["type"] == "session"


@pytest.mark.parametrize(("headers", "allowed"), [
    ({"origin": SHOP}, True), ({"origin": "https://SHOP.example:443"}, True),
    ({}, True),  # no Origin: not a browser
    ({"origin": "http://testserver"}, True),  # Pasokh's own demo page (its host)
    ({"origin": "https://evil.example"}, False), ({"origin": "null"}, False)])
def test_with_a_list_only_those_sites_open_the_visitor_socket(
        start: Start, headers: dict[str, str], allowed: bool) -> None:
    client, _ = start(chat_allowed_origins=SHOP)
    key = start_session(client)
    if allowed:
        with visitor_socket(client, key, **headers) as socket:
            assert socket.receive()["type"] == "session"
    else:
        assert closed_with(client, f"/ws/chat/{key}/", **headers) == 4403


@pytest.mark.parametrize(("origin", "allowed"), [
    ("http://testserver", True),  # Pasokh's own pages (the TestClient's host)
    (SHOP, True), ("https://evil.example", False), ("null", False)])
def test_the_admin_socket_takes_pasokh_and_the_listed_sites_only(
        start: Start, origin: str, allowed: bool) -> None:
    client, container = start(chat_allowed_origins=SHOP)
    add_agent(client, container, "sara")
    token = container.token_issuer().issue("sara").access_token
    url = f"/ws/admin/chat/?token={token}"
    if allowed:
        with client.websocket_connect(url, headers={"origin": origin}) as session:
            assert Socket(session).receive()["type"] == "snapshot"
    else:
        assert closed_with(client, url, origin=origin) == 4403


def test_open_sockets_are_capped_per_address(start: Start) -> None:
    client, _ = start(peer=PROXY, trusted_proxies=PROXY, max_sockets_per_address=2)
    key = start_session(client)
    with ExitStack() as open_sockets:
        first = open_sockets.enter_context(visitor_socket(client, key, **via("198.51.100.1")))
        first.receive()
        open_sockets.enter_context(visitor_socket(client, key, **via("198.51.100.1"))).receive()
        assert closed_with(client, f"/ws/chat/{key}/", **via("198.51.100.1")) == 4429
        with visitor_socket(client, key, **via("198.51.100.2")) as elsewhere:
            assert elsewhere.receive()["type"] == "session"
    with visitor_socket(client, key, **via("198.51.100.1")) as again:  # closed ones are freed
        assert again.receive()["type"] == "session"
