"""Helpers for talking to the app the way clients do, with timeouts so no test can hang."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
from starlette.testclient import TestClient, WebSocketTestSession

FRAME_TIMEOUT = 5.0
API = "/chat/api"


class Socket:
    """A visitor socket. Starlette's session blocks forever on receive; this one gives up."""

    def __init__(self, session: WebSocketTestSession) -> None:
        self._session = session

    def send(self, frame: Any) -> None:
        self._session.send_json(frame)

    def send_text(self, text: str) -> None:
        self._session.send_text(text)

    def send_bytes(self, data: bytes) -> None:
        self._session.send_bytes(data)

    def receive(self, timeout: float = FRAME_TIMEOUT) -> dict[str, Any]:
        async def next_message() -> Any:
            with anyio.fail_after(timeout):
                return await self._session._send_rx.receive()

        message = self._session.portal.call(next_message)
        self._session._raise_on_close(message)  # raises WebSocketDisconnect(code) on close
        frame: dict[str, Any] = json.loads(message["text"])
        return frame

    def receive_until(self, predicate: Any, limit: int = 10) -> list[dict[str, Any]]:
        """Frames up to and including the first one predicate accepts."""
        frames = []
        for _ in range(limit):
            frames.append(self.receive())
            if predicate(frames[-1]):
                return frames
        raise AssertionError(f"no matching frame among {frames}")


Connect = Callable[..., Socket]


def in_app(client: TestClient, function: Callable[..., Any], *args: Any) -> Any:
    """Run an async function on the app's event loop, as the app itself would."""
    assert client.portal is not None, "use the TestClient as a context manager"
    return client.portal.call(function, *args)


def start_session(client: TestClient) -> str:
    response = client.post(f"{API}/sessions/")
    assert response.status_code == 201, response.text
    key: str = response.json()["session_key"]
    return key


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def add_faq(client: TestClient, token: str, **fields: Any) -> dict[str, Any]:
    body = {"question": "How do I book an appointment?",
            "answer": "Use the booking page on our website.",
            "keywords": ["book", "appointment"], "category": "booking", "priority": 10}
    response = client.post(f"{API}/faqs/", json={**body, **fields}, headers=bearer(token))
    assert response.status_code == 201, response.text
    faq: dict[str, Any] = response.json()
    return faq


def is_message_from(sender: str) -> Any:
    return lambda frame: frame["type"] == "message" and frame["message"]["sender"] == sender
