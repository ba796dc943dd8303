"""A local OpenAI-compatible server for the tests: scripted replies, every request recorded.

It implements POST /v1/chat/completions only, serves on 127.0.0.1 from a background thread
under uvicorn, and answers each request with the next scripted reply (a 500 saying
"unscripted" once the script runs out), so nothing ever leaves the machine.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from adapters.memory.embedder import vector

COMPLETIONS_PATH = "/v1/chat/completions"
EMBEDDINGS_PATH = "/v1/embeddings"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = None  # a dict is sent as JSON, a str as it is
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0
    # asked to stream (`"stream": true`), a completion goes out in pieces of this many
    # characters of its content, this far apart
    piece_chars: int = 6
    piece_delay_seconds: float = 0.0


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    def content(self, role: str) -> str:
        return "\n".join(m["content"] for m in self.body["messages"] if m["role"] == role)


class FakeOpenAIServer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: list[Reply] = []
        self._received: list[Received] = []
        self._stopping = False
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.embedding_failures = 0  # the next embeddings requests that fail with 503

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self._received.clear()
            self.embedding_failures = 0

    def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self, lifespan="off", log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="fake-openai", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake OpenAI server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._stopping = True
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        if scope["method"] == "POST" and scope["path"] == EMBEDDINGS_PATH:
            await self._embeddings(json.loads(raw))
            await _send(send, self._embedding_reply(json.loads(raw)))
            return
        if scope["method"] != "POST" or scope["path"] != COMPLETIONS_PATH:
            await _send(send, Reply(404, {"error": {"message": "not found"}}))
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        with self._lock:
            self._received.append(Received(scope["path"], headers, json.loads(raw)))
            reply = self._script.pop(0) if self._script else unscripted()
        await self._pause(reply.delay_seconds)
        if json.loads(raw).get("stream") and reply.status == 200 and isinstance(reply.body, dict):
            await self._stream(send, reply)
            return
        await _send(send, reply)

    async def _stream(self, send: Any, reply: Reply) -> None:
        """Server-sent events as OpenAI streams them: a chunk per piece of the content, one
        with the finish reason, one with the usage, then [DONE]."""
        body = reply.body
        choice = body["choices"][0]
        content = choice["message"]["content"] or ""
        base = {"id": body["id"], "object": "chat.completion.chunk", "created": body["created"],
                "model": body["model"]}

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream")]})
        events = [chunk({"role": "assistant", "content": ""})]
        events += [chunk({"content": content[i:i + reply.piece_chars]})
                   for i in range(0, len(content), reply.piece_chars)]
        events += [chunk({}, choice["finish_reason"]),
                   {**base, "choices": [], "usage": body["usage"]}]
        for event in events:
            data = f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode()
            await send({"type": "http.response.body", "body": data, "more_body": True})
            await self._pause(reply.piece_delay_seconds)
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _embeddings(self, body: dict[str, Any]) -> None:
        with self._lock:
            self._received.append(Received(EMBEDDINGS_PATH, {}, body))

    def _embedding_reply(self, body: dict[str, Any]) -> Reply:
        """Vectors computed from the texts (character trigrams, as the in-memory twin does),
        scaled so the client must normalise them; or a scripted failure."""
        with self._lock:
            if self.embedding_failures:
                self.embedding_failures -= 1
                return failure(503)
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [{"object": "embedding", "index": n, "embedding": [3.0 * x for x in vector(t)]}
                for n, t in enumerate(texts)]
        data.reverse()  # the order of the list is not the order of the inputs: index is
        return Reply(body={"object": "list", "data": data, "model": body["model"],
                           "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    async def _pause(self, seconds: float) -> None:
        """A slow reply; it stops waiting when the server shuts down, so teardown never hangs."""
        until = time.monotonic() + seconds
        while time.monotonic() < until and not self._stopping:
            await asyncio.sleep(0.01)


async def _send(send: Any, reply: Reply) -> None:
    if isinstance(reply.body, str):
        body, kind = reply.body.encode(), b"text/plain; charset=utf-8"
    else:
        body, kind = json.dumps(reply.body, ensure_ascii=False).encode(), b"application/json"
    headers = [(b"content-type", kind), *((k.encode(), v.encode()) for k, v in
                                          reply.headers.items())]
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def completion(content: str | None, *, prompt_tokens: int = 321, completion_tokens: int = 45,
               finish_reason: str = "stop", refusal: str | None = None) -> Reply:
    return Reply(body={
        "id": "chatcmpl-local", "object": "chat.completion", "created": 1_700_000_000,
        "model": "local-model",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": {
            "role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    })


def answer(text: str, confidence: float, *, needs_human: bool = False,
           reason: str = "stated in the FAQ", faq_id: str | None = None,
           cited: list[str] | None = None, **usage: int) -> Reply:
    """The model's JSON; faq_id and cited_faq_ids only when given (as a server that does
    not honour strict schemas may leave them out)."""
    fields: dict[str, Any] = {"answer": text, "confidence": confidence,
                              "needs_human": needs_human, "reason": reason}
    if faq_id is not None:
        fields["faq_id"] = faq_id
    if cited is not None:
        fields["cited_faq_ids"] = cited
    return completion(json.dumps(fields, ensure_ascii=False), **usage)


def failure(status: int, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": {"message": f"scripted {status}", "type": "server_error",
                                    "code": None, "param": None}}, headers or {})


def unscripted() -> Reply:
    return Reply(500, {"error": {"message": "unscripted request", "type": "server_error"}})


def slow(seconds: float, then: Reply | None = None) -> Reply:
    reply = then or answer("too late", 0.9)
    return Reply(reply.status, reply.body, reply.headers, seconds)
