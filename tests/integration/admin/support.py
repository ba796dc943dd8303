"""Agents' sockets in tests: frames of interest are awaited, the others kept for inspection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.api.support import Connect, Socket, start_session

Frame = dict[str, Any]


class ManualClock:
    """Real time at the start; the tests move it on to make people wait."""

    def __init__(self) -> None:
        self.current = datetime.now(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class Desk(Socket):
    """An agent's socket. Frames of different kinds may interleave in any order (a queue
    update and an active-chats update, say): `expect` takes the first frame that matches,
    from those it passed over before or from new ones, and keeps the others for later."""

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.passed_over: list[Frame] = []

    def expect(self, kind: str, limit: int = 30, **fields: Any) -> Frame:
        matches = is_a(kind, **fields)
        for index, frame in enumerate(self.passed_over):
            if matches(frame):
                return self.passed_over.pop(index)
        for _ in range(limit):
            frame = self.receive()
            if matches(frame):
                return frame
            self.passed_over.append(frame)
        raise AssertionError(f"no {kind} frame with {fields} among {self.passed_over}")

    def queue_keys(self, **fields: Any) -> list[str]:
        """The session keys of the next queue frame, in queue order."""
        return [entry["session_key"] for entry in self.expect("queue", **fields)["queue"]]


OpenDesk = Callable[..., Desk]


def is_a(kind: str, **fields: Any) -> Callable[[Frame], bool]:
    return lambda frame: frame["type"] == kind and all(
        frame.get(k) == v for k, v in fields.items())


def escalated_visitor(client: TestClient, connect: Connect,
                      text: str = "I want to talk to a human") -> tuple[str, Socket]:
    """A visitor who asked for a person and was told their place in the queue."""
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": text})
    socket.receive_until(is_a("queue"))
    return key, socket
