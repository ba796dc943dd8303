"""Chaos clients that behave like the widget and the dashboard: they reconnect to any
instance with `after_seq` (or ask for the history), resend what was not acknowledged with
the same client_id, and keep what they saw of each conversation, by `seq`.

A message counts as acknowledged when its echo (or the catch-up after a reconnect) shows it
with its client_id: that is the contract's promise that it is stored.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench.chaos.cluster import Instance

Frame = dict[str, Any]
HUMAN = "I want to talk to a human please"
FRAME_SECONDS = 10.0
POLL_SECONDS = 0.05
RETRY_SECONDS = 0.5  # after an `unavailable` error, as a client honouring retry_after would
ANSWER_WAIT_SECONDS = 3.0
WINDOW = 3  # messages a chatting participant may have unacknowledged at once
RETRIED = ("unavailable", "internal", "rate_limited")
GONE = (ConnectionClosed, InvalidHandshake, OSError, TimeoutError)


class View:
    """One participant's copy of one conversation, by `seq`."""

    def __init__(self) -> None:
        self.by_seq: dict[int, Frame] = {}
        self.conflicts = 0  # one seq shown with two different messages

    def merge(self, message: Frame) -> None:
        known = self.by_seq.get(message["seq"])
        if known is not None and known["id"] != message["id"]:
            self.conflicts += 1
        self.by_seq[message["seq"]] = message

    @property
    def last_seq(self) -> int:
        return max(self.by_seq, default=0)


@dataclass
class Tally:
    sent: int = 0  # distinct messages (client_ids) written
    refused: int = 0  # `unavailable` errors received (a message may be refused many times)
    refused_ids: set[str] = field(default_factory=set)  # messages refused at least once
    reconnects: int = 0
    resent: int = 0  # sends of a client_id already sent once (after a drop or a refusal)
    resent_acked: int = 0  # the last acknowledged message, sent again after a reconnect
    acked_on_catch_up: int = 0  # stored, but the echo was lost: seen first after reconnecting
    errors: Counter[str] = field(default_factory=Counter)
    acked: dict[str, str] = field(default_factory=dict)  # client_id -> message id


class Participant:
    """Connects, talks until told to stop, reconnects whenever its socket goes away."""

    def __init__(self, name: str, instances: Sequence[Instance], pace: float) -> None:
        self.name = name
        self.instances = instances
        self.pace = pace
        self.tally = Tally()
        self.sending = True
        self.pending: dict[str, Any] = {}  # client_id -> what to send again
        self.retry_at: float | None = None
        self.ack_times: list[float] = []  # monotonic time of every acknowledgement
        self.last_acked: Frame | None = None  # the frame that sent it
        self._count = 0

    def new_client_id(self, kind: str) -> str:
        self._count += 1
        self.tally.sent += 1
        return f"{self.name}-{kind}{self._count}"

    @property
    def pending_count(self) -> int:
        return len(self.pending)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            instance = random.choice(self.instances)
            try:
                async with connect(self.url(instance), open_timeout=FRAME_SECONDS,
                                   close_timeout=1, max_queue=None) as socket:
                    await self.talk(socket, stop)
            except GONE:
                pass
            if not stop.is_set():
                self.tally.reconnects += 1
                await asyncio.sleep(random.uniform(0.05, 0.3))

    async def talk(self, socket: ClientConnection, stop: asyncio.Event) -> None:
        await self.opened(socket)
        while not stop.is_set():
            await self.act(socket)
            try:
                raw = await asyncio.wait_for(socket.recv(), POLL_SECONDS)
            except TimeoutError:
                continue
            await self.receive(socket, json.loads(raw))

    def on_error(self, code: str) -> None:
        """`unavailable` (and a transient `internal` or `rate_limited`): resend the
        unacknowledged messages a little later, with the same client_ids."""
        if code == "unavailable":
            self.tally.refused += 1
            self.tally.refused_ids.update(self.pending)
        else:
            self.tally.errors[code] += 1
        if code in RETRIED:
            self.retry_at = time.monotonic() + RETRY_SECONDS

    def acknowledge(self, client_id: str, message_id: str, frame: Frame) -> None:
        if client_id not in self.tally.acked:
            self.ack_times.append(time.monotonic())
            self.tally.acked[client_id] = message_id
            self.last_acked = frame

    async def resend_last_acked(self, socket: ClientConnection) -> None:
        """As a client whose last echo was lost with its connection would: the server must
        answer with the stored message, not store it again."""
        if self.last_acked is not None:
            self.tally.resent_acked += 1
            await send(socket, self.last_acked)

    def retry_due(self) -> bool:
        if self.retry_at is not None and time.monotonic() >= self.retry_at:
            self.retry_at = None
            return True
        return False

    def url(self, instance: Instance) -> str:
        raise NotImplementedError

    async def opened(self, socket: ClientConnection) -> None:
        raise NotImplementedError

    async def act(self, socket: ClientConnection) -> None:
        raise NotImplementedError

    async def receive(self, socket: ClientConnection, frame: Frame) -> None:
        raise NotImplementedError

    async def catch_up(self) -> None:
        """One last connection at the end, for the participant's final view."""
        raise NotImplementedError


async def send(socket: ClientConnection, frame: Frame) -> None:
    await socket.send(json.dumps(frame))


async def receive_one(socket: ClientConnection) -> Frame:
    frame: Frame = json.loads(await asyncio.wait_for(socket.recv(), FRAME_SECONDS))
    return frame


class Visitor(Participant):
    """Asks FAQ questions, waiting for each answer; one that `escalates` asks for a human
    after its questions, then chats with whichever agent joins."""

    def __init__(self, name: str, instances: Sequence[Instance], pace: float,
                 questions: Sequence[str], escalates: bool) -> None:
        super().__init__(name, instances, pace)
        self.questions = list(questions)
        self.escalates = escalates
        self.key = ""
        self.view = View()
        self.status = "bot"
        self.pending: dict[str, str] = {}
        self._next_at = 0.0
        self._question_seq = 0  # the seq of the last question, awaiting its answer
        self._asked_at = 0.0

    async def start_session(self) -> None:
        while not self.key:
            instance = random.choice(self.instances)
            try:
                async with httpx.AsyncClient(timeout=FRAME_SECONDS) as http:
                    reply = await http.post(f"{instance.http}/chat/api/sessions/")
                if reply.status_code == 201:
                    self.key = reply.json()["session_key"]
            except httpx.TransportError:
                await asyncio.sleep(0.2)

    def url(self, instance: Instance) -> str:
        return f"{instance.ws}/ws/chat/{self.key}/?after_seq={self.view.last_seq}"

    async def opened(self, socket: ClientConnection) -> None:
        frame = await receive_one(socket)
        if frame["type"] != "session":
            raise ConnectionError(f"expected the session frame, got {frame}")
        self.status = frame["status"]
        self._catch_up_with(frame["messages"])
        for client_id, text in self.pending.items():  # the widget's outbox, resent
            self.tally.resent += 1
            await send(socket, {"type": "message", "text": text, "client_id": client_id})
        await self.resend_last_acked(socket)

    async def act(self, socket: ClientConnection) -> None:
        now = time.monotonic()
        if self.pending and self.retry_due():
            for client_id, text in self.pending.items():
                self.tally.resent += 1
                await send(socket, {"type": "message", "text": text, "client_id": client_id})
        window = 1 if self.status == "bot" else WINDOW  # a question waits for its answer
        if len(self.pending) >= window or not self.sending or now < self._next_at or \
                not self._answered(now):
            return
        kind, text = self._next_message()
        client_id = self.new_client_id(kind)
        self.pending[client_id] = text
        self._next_at = now + self.pace
        await send(socket, {"type": "message", "text": text, "client_id": client_id})

    def _answered(self, now: float) -> bool:
        if not self._question_seq or self.status != "bot":
            return True
        answered = any(m["sender"] in ("bot", "system") and seq > self._question_seq
                       for seq, m in self.view.by_seq.items())
        return answered or now - self._asked_at > ANSWER_WAIT_SECONDS

    def _next_message(self) -> tuple[str, str]:
        asked = sum(1 for m in self.view.by_seq.values() if m["sender"] == "user")
        if not self.escalates:
            return "q", self.questions[asked % len(self.questions)]
        if self.status == "bot" and asked < len(self.questions):
            return "q", self.questions[asked]
        if self.status == "bot":
            return "h", HUMAN
        return "m", f"{self.name} says {self._count + 1}"

    async def receive(self, socket: ClientConnection, frame: Frame) -> None:
        match frame["type"]:
            case "message":
                self._merge(frame["message"])
            case "status":
                self.status = frame["status"]
            case "error":
                self.on_error(frame["code"])

    def _catch_up_with(self, messages: list[Frame]) -> None:
        waiting = len(self.pending)
        for message in messages:
            self._merge(message)
        self.tally.acked_on_catch_up += waiting - len(self.pending)

    def _merge(self, message: Frame) -> None:
        self.view.merge(message)
        client_id = message.get("client_id")
        if message["sender"] == "user" and client_id in self.pending:
            del self.pending[client_id]
            self.acknowledge(client_id, message["id"], {
                "type": "message", "text": message["text"], "client_id": client_id})
            if client_id.split("-")[-1].startswith("q"):
                self._question_seq, self._asked_at = message["seq"], time.monotonic()

    async def catch_up(self) -> None:
        """One last connection, as a widget reopened at the end: what it missed, if anything."""
        for _ in range(20):
            instance = random.choice(self.instances)
            try:
                async with connect(self.url(instance), open_timeout=FRAME_SECONDS) as socket:
                    self._catch_up_with((await receive_one(socket))["messages"])
                    return
            except GONE:
                await asyncio.sleep(0.2)
        raise RuntimeError(f"{self.name} could not reconnect for its final view")


class Agent(Participant):
    """Joins whatever is queued (racing the other agents) and writes in every chat it holds."""

    def __init__(self, name: str, password: str, instances: Sequence[Instance],
                 pace: float) -> None:
        super().__init__(name, instances, pace)
        self.password = password
        self.token = ""
        self.held: dict[str, View] = {}
        self.closed: set[str] = set()
        self.pending: dict[str, tuple[str, str]] = {}  # client_id -> (session_key, text)
        self.queue: list[str] = []
        self._next_at: dict[str, float] = {}
        self._joins_at = 0.0

    async def log_in(self) -> None:
        while not self.token:
            instance = random.choice(self.instances)
            try:
                async with httpx.AsyncClient(timeout=FRAME_SECONDS) as http:
                    reply = await http.post(f"{instance.http}/chat/api/auth/login/", json={
                        "username": self.name, "password": self.password})
                if reply.status_code == 200:
                    self.token = reply.json()["access_token"]
            except httpx.TransportError:
                await asyncio.sleep(0.2)

    def url(self, instance: Instance) -> str:
        return f"{instance.ws}/ws/admin/chat/?token={self.token}"

    async def opened(self, socket: ClientConnection) -> None:
        frame = await receive_one(socket)
        if frame["type"] != "snapshot":
            raise ConnectionError(f"expected the snapshot, got {frame}")
        for chat in frame["active_chats"]:
            if chat["agent"] == self.name:
                self.held.setdefault(chat["session_key"], View())
        self.queue = [entry["session_key"] for entry in frame["queue"]]
        for key in self.held:  # the dashboard's catch-up: the whole conversation again
            await send(socket, {"type": "history", "session_key": key})
        for client_id, (key, text) in self.pending.items():
            self.tally.resent += 1
            await send(socket, {"type": "message", "session_key": key, "text": text,
                                "client_id": client_id})
        await self.resend_last_acked(socket)
        self._joins_at = 0.0

    async def act(self, socket: ClientConnection) -> None:
        now = time.monotonic()
        if self.pending and self.retry_due():
            for client_id, (key, text) in self.pending.items():
                self.tally.resent += 1
                await send(socket, {"type": "message", "session_key": key, "text": text,
                                    "client_id": client_id})
        if self.sending and now >= self._joins_at:
            self._joins_at = now + 1.0
            for key in self.queue:
                if key not in self.held:
                    await send(socket, {"type": "join", "session_key": key})
        waiting = {key for key, _ in self.pending.values()}
        for key in self.held:
            if not self.sending or key in waiting or key in self.closed or \
                    now < self._next_at.get(key, 0.0):
                continue
            client_id = self.new_client_id("a")
            text = f"{self.name} answers {self.tally.sent}"
            self.pending[client_id] = (key, text)
            self._next_at[key] = now + self.pace
            await send(socket, {"type": "message", "session_key": key, "text": text,
                                "client_id": client_id})

    async def receive(self, socket: ClientConnection, frame: Frame) -> None:
        key = frame.get("session_key")
        match frame["type"]:
            case "queue":
                self.queue = [entry["session_key"] for entry in frame["queue"]]
                self._joins_at = 0.0
            case "joined" | "history" if key:
                view, waiting = self.held.setdefault(key, View()), len(self.pending)
                for message in frame["messages"]:
                    self._merge(key, view, message)
                self.tally.acked_on_catch_up += waiting - len(self.pending)
            case "message" if key in self.held:
                self._merge(key, self.held[key], frame["message"])
            case "status" if key and frame["status"] == "closed":
                self.closed.add(key)
            case "error":
                self.on_error(frame["code"])

    def _merge(self, key: str, view: View, message: Frame) -> None:
        view.merge(message)
        client_id = message.get("client_id")
        if message["sender"] == "agent" and client_id in self.pending:
            del self.pending[client_id]
            self.acknowledge(client_id, message["id"], {
                "type": "message", "session_key": key, "text": message["text"],
                "client_id": client_id})

    async def catch_up(self) -> None:
        """A dashboard reopened at the end: every conversation it holds, read again."""
        for _ in range(20):
            instance = random.choice(self.instances)
            try:
                async with connect(self.url(instance), open_timeout=FRAME_SECONDS) as socket:
                    await receive_one(socket)
                    wanted = set(self.held)
                    for key in wanted:
                        await send(socket, {"type": "history", "session_key": key})
                    while wanted:
                        frame = await receive_one(socket)
                        if frame["type"] == "history":
                            await self.receive(socket, frame)
                            wanted.discard(frame["session_key"])
                    return
            except GONE:
                await asyncio.sleep(0.2)
        raise RuntimeError(f"{self.name} could not reconnect for its final view")
