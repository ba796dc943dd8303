"""The frames of the visitor socket: parsing what clients send, shaping what we send."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field, ValidationError

from application.views import SessionView
from entrypoints.errors import ApiError, validation_message
from entrypoints.schemas import MessageOut, StrictIn

# 4000 Persian characters sent as \uXXXX escapes (json.dumps' default) take about 24 KB.
MAX_FRAME_BYTES = 32 * 1024
MAX_CLIENT_ID = 128


class MessageFrame(StrictIn):
    type: Literal["message"]
    text: str
    client_id: str | None = Field(None, min_length=1, max_length=MAX_CLIENT_ID)


class TypingFrame(StrictIn):
    type: Literal["typing"]


InboundFrame = MessageFrame | TypingFrame
_MODELS: dict[str, type[InboundFrame]] = {"message": MessageFrame, "typing": TypingFrame}


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid", message)


def parse_frame(raw: str) -> InboundFrame:
    if len(raw.encode()) > MAX_FRAME_BYTES:
        raise ApiError(413, "too_large", f"a frame must be at most {MAX_FRAME_BYTES} bytes")
    try:
        data = json.loads(raw)
    except ValueError:
        raise invalid("malformed JSON") from None
    if not isinstance(data, dict):
        raise invalid("a frame must be a JSON object")
    model = _MODELS.get(data["type"]) if isinstance(data.get("type"), str) else None
    if model is None:
        raise invalid(f"type: must be one of {', '.join(_MODELS)}")
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


def error_frame(error: ApiError) -> dict[str, Any]:
    return {"type": "error", "code": error.code, "message": error.message}
