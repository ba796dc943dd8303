"""The one place where failures become the contract's error shape, for HTTP and sockets."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request, WebSocket
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection

from application.accounts import AccountExists, Forbidden, OwnAccount
from application.auth import InvalidCredentials, WeakPassword
from application.errors import MailingOff, NotFound
from application.ports import ConcurrencyError, StorageUnavailable
from application.rate_limits import RateLimited
from domain.base import DomainError
from domain.canned import DuplicateShortcut, InvalidCannedResponse
from domain.errors import (
    AgentNotOnline,
    AlreadyAssigned,
    DuplicateFAQ,
    FAQNotFound,
    InvalidContact,
    InvalidFAQ,
    InvalidMessage,
    NoEmailToSendTo,
    NotABotMessage,
    NotAssignedAgent,
    NotRatable,
    SessionAlreadyClosed,
    TooManyChats,
)

log = structlog.get_logger("pasokh.errors")

_CODES_BY_STATUS = {400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                    405: "method_not_allowed", 409: "conflict", 413: "too_large",
                    422: "invalid", 429: "rate_limited", 503: "unavailable"}
# An outage (StorageUnavailable, which the storage adapter raises for every one, ADR 0049):
# the client cannot know its request was stored, and the same request can succeed later;
# with the same client_id it is stored once (ADR 0020).
RETRY_AFTER_OUTAGE_SECONDS = 1
TRY_AGAIN_LATER, SERVER_ERROR = 1013, 1011  # WebSocket close codes


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str,
                 headers: Mapping[str, str] | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.retry_after = retry_after
        # on a socket: the type of the client's frame this error answers, when known
        self.frame_type: str | None = None

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


def unauthorized(message: str = "a valid bearer token is required") -> ApiError:
    return ApiError(401, "unauthorized", message, {"WWW-Authenticate": "Bearer"})


def rate_limited(error: RateLimited) -> ApiError:
    """429 with Retry-After in whole seconds, rounded up so a client that waits gets in."""
    seconds = max(1, math.ceil(error.retry_after))
    return ApiError(429, "rate_limited", str(error), {"Retry-After": str(seconds)}, seconds)


def unavailable(error: Exception, message: str = "the service cannot store anything "
                "right now; try again shortly") -> ApiError:
    """503 `unavailable`: nothing was stored, and the same request can succeed a little later
    (with the same client_id, it is still stored once)."""
    # for an outage, the driver's error the storage adapter chained to StorageUnavailable
    cause = (error.__cause__ if isinstance(error, StorageUnavailable) else None) or error
    log.warning("request refused as unavailable", error=type(cause).__name__,
                detail=str(cause)[:200])
    seconds = RETRY_AFTER_OUTAGE_SECONDS
    return ApiError(503, "unavailable", message, {"Retry-After": str(seconds)}, seconds)


def api_error_for(error: Exception) -> ApiError | None:
    """The contract's error for a known failure, or None for a bug."""
    match error:
        case ApiError():
            return error
        case InvalidFAQ() | InvalidCannedResponse():
            return ApiError(422, "invalid", f"{error.field}: {error.message}")
        case InvalidMessage():
            return ApiError(422, "invalid", f"text: {error}")
        case WeakPassword():
            return ApiError(422, "invalid", f"password: {error}")
        case OwnAccount():
            return ApiError(422, "invalid", f"active: {error}")
        case Forbidden():
            return ApiError(403, "forbidden", str(error))
        case AccountExists():
            return ApiError(409, "conflict", str(error))
        case NotABotMessage():
            return ApiError(422, "invalid", f"message_id: {error}")
        case NoEmailToSendTo():
            return ApiError(422, "invalid", f"email: {error}")
        case MailingOff():
            return ApiError(409, "mail_off", "email is not configured on this service")
        case InvalidContact(field=field):
            return ApiError(422, "invalid", f"{field}: {error}")
        case NotRatable():
            return ApiError(422, "invalid", f"rating: {error}")
        case FAQNotFound() | NotFound():
            return ApiError(404, "not_found", "not found")
        case SessionAlreadyClosed():
            return ApiError(409, "closed", "the session is closed")
        case DuplicateFAQ() | DuplicateShortcut():
            return ApiError(409, "conflict", str(error))
        case AlreadyAssigned():
            return ApiError(409, "already_assigned", str(error))
        case NotAssignedAgent():
            return ApiError(403, "forbidden", str(error))
        case TooManyChats():
            return ApiError(409, "too_many_chats", str(error))
        case AgentNotOnline():
            return ApiError(409, "agent_offline", str(error))
        case InvalidCredentials():
            return unauthorized("invalid username or password")
        case RateLimited():
            return rate_limited(error)
        case ConcurrencyError():  # still losing the race after the unit of work's retries
            return unavailable(error, "the conversation is busy; try again shortly")
        case StorageUnavailable():
            return unavailable(error)
    return None


INTERNAL = ApiError(500, "internal", "internal error")


def validation_message(errors: Sequence[Any]) -> str:
    """`<field>: <problem>` for the first problem, naming the field as the client sent it."""
    if not errors:
        return "invalid request"
    first = errors[0]
    if first.get("type") == "json_invalid":
        return "body: malformed JSON"
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    field = ".".join(location) or "body"
    return f"{field}: {first.get('msg', 'is invalid')}"


def _respond(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _respond(ApiError(422, "invalid", validation_message(exc.errors())))


# FastAPI answers 400 when the body's JSON cannot even be read (nested deeper than Python's
# stack, a number of thousands of digits): a validation failure like any other malformed
# JSON, so 422 `invalid` as the contract says.
_UNREADABLE_BODY = "There was an error parsing the body"


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400 and exc.detail == _UNREADABLE_BODY:
        return _respond(ApiError(422, "invalid", "body: malformed JSON (nested too deeply, "
                                                 "or a number too long to read)"))
    code = _CODES_BY_STATUS.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code
    return _respond(ApiError(exc.status_code, code, message, exc.headers))


async def close_socket_after(websocket: WebSocket, exc: Exception) -> None:
    """A socket that failed before its frame loop (e.g. reading the session) is closed with
    the code its error means; a bug is logged in full."""
    error = api_error_for(exc)
    if error is None:
        log.error("unhandled error", exc_info=exc)
    await _close(websocket, error or INTERNAL)


async def _on_known(conn: HTTPConnection, exc: Exception) -> JSONResponse | None:
    if isinstance(conn, WebSocket):
        await close_socket_after(conn, exc)
        return None
    error = api_error_for(exc)
    if error is None:
        return await _on_bug(conn, exc)
    return _respond(error)


async def _close(websocket: WebSocket, error: ApiError) -> None:
    """A socket cannot carry an HTTP error: 1013 (try again later) for `unavailable`."""
    code = TRY_AGAIN_LATER if error.code == "unavailable" else SERVER_ERROR
    with contextlib.suppress(RuntimeError, OSError):
        await websocket.close(code, error.message[:120])


async def _on_bug(request: HTTPConnection, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc)
    return _respond(INTERNAL)


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(HTTPException, _on_http)
    for known in (ApiError, DomainError, NotFound, InvalidCredentials, WeakPassword, Forbidden,
                  AccountExists, OwnAccount,
                  RateLimited, ConcurrencyError, StorageUnavailable):
        # One handler for requests and sockets; Starlette types them as two kinds.
        app.add_exception_handler(known, _on_known)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_bug)
