"""What one visitor sends can never fail another visitor's write (issue 19, item 1).

A NUL character is refused with `invalid` on every store (PostgreSQL cannot keep it in
text); the visitors whose messages were batched with it are answered and stored."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.api.support import API, Connect, start_session

HOSTILE = ["x\u0000y", "\u0000"]


def test_a_nul_among_simultaneous_visitors_fails_only_its_sender(
        client: TestClient, connect: Connect) -> None:
    for hostile in HOSTILE:
        keys = [start_session(client) for _ in range(6)]
        sockets = [connect(key) for key in keys]
        for socket in sockets:
            assert socket.receive()["type"] == "session"
        texts = [f"سلام، پیام {n}" for n in range(6)]
        texts[2] = hostile
        for socket, text in zip(sockets, texts, strict=True):  # all at once
            socket.send({"type": "message", "text": text, "client_id": f"c-{text}"})
        for n, socket in enumerate(sockets):
            first = socket.receive()
            if n == 2:
                assert first["type"] == "error" and first["code"] == "invalid", first
                assert "NUL" in first["message"]
            else:
                assert first["type"] == "message", first
                assert first["message"]["text"] == texts[n]
        for n, key in enumerate(keys):
            history = client.get(f"{API}/history/{key}/").json()["messages"]
            user = [m["text"] for m in history if m["sender"] == "user"]
            assert user == ([] if n == 2 else [texts[n]])
        # The sender's socket stays usable.
        sockets[2].send({"type": "message", "text": "hello again"})
        assert sockets[2].receive_until(
            lambda f: f["type"] == "message")[-1]["message"]["text"] == "hello again"


def test_a_client_id_holding_nul_is_refused(client: TestClient, connect: Connect) -> None:
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "hi", "client_id": "a\u0000b"})
    error = socket.receive()
    assert error["type"] == "error" and error["code"] == "invalid", error
    history = client.get(f"{API}/history/{key}/").json()["messages"]
    assert [m for m in history if m["sender"] == "user"] == []


CONTROL = "".join(chr(c) for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x202E, 0xFEFF])


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(st.text(alphabet=CONTROL + "ab سلام", min_size=1, max_size=20),
                      min_size=3, max_size=6))
def test_control_characters_are_stored_or_refused_never_internal(
        client: TestClient, connect: Connect, texts: list[str]) -> None:
    """On every store: a message of control characters is stored verbatim (trimmed) or
    refused as `invalid` (empty, NUL); never `internal`, and the socket keeps answering."""
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    for n, text in enumerate(texts):
        socket.send({"type": "message", "text": text, "client_id": f"f{n}"})
    for n, text in enumerate(texts):
        frame = socket.receive_until(lambda f: f["type"] in ("message", "error")
                                     and (f["type"] == "error" or f["message"]["sender"] == "user"))
        if frame[-1]["type"] == "error":
            assert frame[-1]["code"] == "invalid", (text, frame[-1])
            assert "\u0000" in text or not text.strip()
        else:
            assert frame[-1]["message"]["text"] == text.strip() and "\u0000" not in text
            assert frame[-1]["message"]["client_id"] == f"f{n}"
    socket.send({"type": "message", "text": "still there?", "client_id": "sentinel"})
    assert socket.receive_until(lambda f: f["type"] == "message"
                                and f["message"]["client_id"] == "sentinel", limit=40)
