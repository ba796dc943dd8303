"""Bounds on what a client may send in one HTTP request."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.errors import ApiError


class BodyLimitMiddleware:
    """413 `too_large` for bodies over the limit, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            error = ApiError(413, "too_large", self._message)
            await JSONResponse(error.body(), status_code=413)(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                # FastAPI passes HTTPExceptions raised while reading the body to its handlers.
                raise HTTPException(413, self._message)
            return message

        await self.app(scope, receive_within_limit, send)

    @property
    def _message(self) -> str:
        return f"the request body must be at most {self.max_bytes} bytes"
