"""The frames of the visitor socket: parsing what clients send, shaping what we send."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, Field, ValidationError

from application.queries import QueuePlace
from application.views import SessionView
from entrypoints.errors import ApiError, validation_message
from entrypoints.schemas import MessageOut, StrictIn

# The application's limit (ADR 0015): every frame holding a valid message fits, however it is
# encoded. 4000 Persian characters escaped as \uXXXX (json.dumps' default) take 24 KB, and
# 4000 emoji escaped as surrogate pairs 48 KB. Bigger frames get `too_large`; above the
# transport cap (PASOKH_WS_MAX_MESSAGE_BYTES) the server closes the socket with 1009.
MAX_FRAME_BYTES = 64 * 1024
MAX_CLIENT_ID = 128

M = TypeVar("M", bound=BaseModel)


class MessageFrame(StrictIn):
    type: Literal["message"]
    text: str
    client_id: str | None = Field(None, min_length=1, max_length=MAX_CLIENT_ID)
    # the FAQ the visitor chose among the bot's suggestions (unknown or inactive: matched)
    faq_id: str | None = Field(None, min_length=1, max_length=255)


class TypingFrame(StrictIn):
    type: Literal["typing"]


InboundFrame = MessageFrame | TypingFrame
_MODELS: dict[str, type[InboundFrame]] = {"message": MessageFrame, "typing": TypingFrame}


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid", message)


def parse_frame(raw: str) -> InboundFrame:
    return parse_with(raw, _MODELS)


def parse_with(raw: str, models: Mapping[str, type[M]]) -> M:
    """The frame as the model its `type` names; `invalid` (or `too_large`) otherwise."""
    if len(raw.encode()) > MAX_FRAME_BYTES:
        raise ApiError(413, "too_large", f"a frame must be at most {MAX_FRAME_BYTES} bytes")
    try:  # orjson refuses what Python's json lets through and could never send back out: a
        # lone surrogate ("\ud800"), NaN, nesting deeper than 1,024 (ADR 0026)
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise invalid("malformed JSON (or text that is not valid Unicode)") from None
    if not isinstance(data, dict):
        raise invalid("a frame must be a JSON object")
    model = models.get(data["type"]) if isinstance(data.get("type"), str) else None
    if model is None:
        raise invalid(f"type: must be one of {', '.join(models)}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise invalid(validation_message(error.errors())) from None


def session_frame(view: SessionView, after_seq: int) -> dict[str, Any]:
    return {"type": "session", "session_key": view.session_key, "status": view.status,
            "messages": [MessageOut.of(m) for m in view.messages if m.seq > after_seq]}


def message_frame(message: object) -> dict[str, Any]:
    return {"type": "message", "message": MessageOut.of(message)}


def status_frame(status: str, agent: str | None) -> dict[str, Any]:
    return {"type": "status", "status": status, "agent": agent}


def queue_place_frame(place: QueuePlace) -> dict[str, Any]:
    return {"type": "queue", "position": place.position,
            "estimated_wait_seconds": place.estimated_wait_seconds}


AGENT_TYPING = {"type": "typing", "sender": "agent"}


def error_frame(error: ApiError) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "error", "code": error.code, "message": error.message}
    if error.retry_after is not None:
        frame["retry_after"] = error.retry_after
    return frame
