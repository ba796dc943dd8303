"""structlog, configured once: JSON lines in production, a readable console in development.

Every line carries the request id and, on session routes, the shortened session key.
Tokens, passwords and whole session keys are never logged.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from typing import Any, TextIO

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.security.log_scrubbing import scrubber

_KEYED_PATHS = "/chat/api/history/|/chat/api/admin/sessions/|/ws/chat/"
_SESSION_PATH = re.compile(rf"^({_KEYED_PATHS})([^/]+)")
_SESSION_PATH_IN_TEXT = re.compile(rf"({_KEYED_PATHS})([A-Za-z0-9_-]+)")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_configured: tuple[str, str] | None = None

log = structlog.get_logger("pasokh.http")


def configure_logging(env: str = "development", level: str = "INFO") -> None:
    global _configured
    if _configured == (env, level):
        return
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact_session_paths,
    ]
    renderer: Any
    if env == "production":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
        # No local variables in tracebacks: a frame's locals may hold a password or a key.
        shared.append(structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False)))
    else:
        renderer = structlog.dev.ConsoleRenderer(
            exception_formatter=structlog.dev.plain_traceback)
        shared.append(structlog.processors.format_exc_info)  # text the scrubber can read
    shared.append(scrubber)  # last before rendering: secrets never reach a line
    if env != "production":  # JSON escapes control characters itself; a console does not
        shared.append(escape_controls)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    handler = _StderrHandler()
    handler.set_name("pasokh")
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    ))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "pasokh"] + [handler]
    root.setLevel(level.upper())
    for chatty in ("httpx", "httpcore"):  # a line per outgoing HTTP call
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))
    _configured = (env, level)


# C0 and C1 control characters and DEL: a terminal would run them (ESC starts a sequence
# that can rewrite the screen), and a newline in a value would forge a line of its own.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MULTILINE = ("exception", "stack")  # tracebacks keep their line breaks and indentation


def escape_controls(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Every control character in a logged text becomes a visible escape (`\\x1b`)."""
    for key, value in event_dict.items():
        if isinstance(value, str) and _CONTROLS.search(value):
            event_dict[key] = _CONTROLS.sub(
                _kept_in_tracebacks if key in _MULTILINE else _escaped, value)
    return event_dict


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def _kept_in_tracebacks(match: re.Match[str]) -> str:
    return match.group() if match.group() in "\n\t" else _escaped(match)


class _StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is when a line is logged (servers and tests may swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: object) -> None:
        pass


def short_key(session_key: str) -> str:
    return f"{session_key[:6]}…"


def _redact_session_paths(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    """Other libraries' lines (uvicorn's socket log) may quote a path holding a session key."""
    if isinstance(message := event.get("event"), str):
        event["event"] = _SESSION_PATH_IN_TEXT.sub(
            lambda m: m.group(1) + short_key(m.group(2)), message)
    return event


def redacted_path(path: str) -> str:
    return _SESSION_PATH.sub(lambda m: m.group(1) + short_key(m.group(2)), path)


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


def request_context(scope: Scope) -> dict[str, str]:
    """What every log line of a request or socket carries: its id, and its session."""
    context = {"request_id": _request_id(scope)}
    if match := _SESSION_PATH.match(scope["path"]):
        context["session"] = short_key(match.group(2))
    return context


class RequestContextMiddleware:
    """Binds the request id (and session) for every log line, and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        context = request_context(scope)
        request_id = context["request_id"]
        with structlog.contextvars.bound_contextvars(**context):
            if scope["type"] == "websocket":
                await self.app(scope, receive, send)
                return
            await self._http(scope, receive, send, request_id)

    async def _http(self, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info("request", method=scope["method"], path=redacted_path(scope["path"]),
                     status=status, duration_ms=round((time.perf_counter() - started) * 1000, 1))
