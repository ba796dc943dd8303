"""The two loads: visitors asking FAQ questions in a closed loop, and sockets held idle."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.ws_load.servers import Server

BATCH = 100  # sessions created and sockets opened at once
SETTLE_SECONDS = 2.0


@dataclass
class LoopResult:
    server: str
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100)[percent - 1] * 1000


@dataclass(frozen=True)
class IdleResult:
    server: str
    sockets: int
    rss_before_kib: int
    rss_after_kib: int

    @property
    def kib_per_socket(self) -> float:
        return (self.rss_after_kib - self.rss_before_kib) / self.sockets


async def new_sessions(server: Server, count: int) -> list[str]:
    async with httpx.AsyncClient(base_url=server.http, timeout=30) as http:
        keys: list[str] = []
        while len(keys) < count:
            replies = await asyncio.gather(*(http.post("/chat/api/sessions/")
                                             for _ in range(min(BATCH, count - len(keys)))))
            keys += [reply.json()["session_key"] for reply in replies]
        return keys


async def open_sockets(server: Server, keys: Sequence[str]) -> list[ClientConnection]:
    async def one(key: str) -> ClientConnection:
        ws = await connect(f"{server.url}/ws/chat/{key}/", ping_interval=None, max_queue=None)
        json.loads(await ws.recv())  # the session frame
        return ws

    sockets: list[ClientConnection] = []
    for start in range(0, len(keys), BATCH):
        sockets += await asyncio.gather(*(one(key) for key in keys[start:start + BATCH]))
    return sockets


async def ask(ws: ClientConnection, question: str) -> bool:
    """Send one question; True when the bot answered, False on an error or a handover."""
    await ws.send(json.dumps({"type": "message", "text": question}))
    while True:
        frame: dict[str, Any] = json.loads(await ws.recv())
        if frame["type"] == "error":
            return False
        if frame["type"] == "message" and frame["message"]["sender"] in ("bot", "system"):
            return bool(frame["message"]["sender"] == "bot")


async def closed_loop(server: Server, clients: int, duration: float, warmup: float,
                      questions: Sequence[str], conversation: int = 0) -> LoopResult:
    """conversation > 0: after that many questions a visitor starts a new conversation
    (a new session and socket, not timed as a round trip); 0: one conversation throughout."""
    result = LoopResult(server.name, clients)
    sockets = await open_sockets(server, await new_sessions(server, clients))
    started = time.monotonic()
    measured_from, deadline = started + warmup, started + warmup + duration

    async def visitor(ws: ClientConnection, offset: int) -> None:
        for number in range(offset, 10**9):
            if conversation and number > offset and (number - offset) % conversation == 0:
                await ws.close()
                [ws] = await open_sockets(server, await new_sessions(server, 1))
                sockets[offset] = ws
            sent = time.monotonic()
            if sent >= deadline:
                return
            answered = await ask(ws, questions[number % len(questions)])
            if sent >= measured_from:
                if answered:
                    result.latencies.append(time.monotonic() - sent)
                else:
                    result.errors += 1

    try:
        await asyncio.gather(*(visitor(ws, n) for n, ws in enumerate(sockets)))
        result.seconds = time.monotonic() - measured_from
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets))
    return result


async def idle_sockets(server: Server, count: int) -> IdleResult:
    keys = await new_sessions(server, count)
    await asyncio.sleep(SETTLE_SECONDS)
    before = server.rss_kib()
    sockets = await open_sockets(server, keys)
    await asyncio.sleep(SETTLE_SECONDS)
    after = server.rss_kib()
    for start in range(0, len(sockets), BATCH):
        await asyncio.gather(*(ws.close() for ws in sockets[start:start + BATCH]))
    return IdleResult(server.name, count, before, after)
