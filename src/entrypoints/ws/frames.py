"""The frames of the visitor socket: parsing what clients send, shaping what we send."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, Field, ValidationError

from application.queries import QueuePlace
from application.views import SessionView
from domain.contact import Contact
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


class FeedbackFrame(StrictIn):
    """Did this bot message help? The latest word per message counts."""

    type: Literal["feedback"]
    message_id: str = Field(min_length=1, max_length=255)
    helpful: bool


class RatingFrame(StrictIn):
    """1 to 5 stars for a conversation an agent closed, once."""

    type: Literal["rating"]
    score: int = Field(ge=1, le=5)
    comment: str | None = Field(None, max_length=1000)


class ContactFrame(StrictIn):
    """A way to reach the visitor when nobody could answer: an email or a phone."""

    type: Literal["contact"]
    name: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=300)
    phone: str | None = Field(None, max_length=40)


class EmailTranscriptFrame(StrictIn):
    """Mail the conversation to the email the visitor left; `lang`: its labels."""

    type: Literal["email_transcript"]
    lang: Literal["en", "fa"] = "en"


InboundFrame = (MessageFrame | TypingFrame | FeedbackFrame | RatingFrame | ContactFrame
                | EmailTranscriptFrame)
_MODELS: dict[str, type[InboundFrame]] = {"message": MessageFrame, "typing": TypingFrame,
                                          "feedback": FeedbackFrame, "rating": RatingFrame,
                                          "contact": ContactFrame,
                                          "email_transcript": EmailTranscriptFrame}


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
        failed = invalid(validation_message(error.errors()))
        failed.frame_type = data["type"]
        raise failed from None


def session_frame(view: SessionView, after_seq: int) -> dict[str, Any]:
    """`rateable`: an agent closed the conversation and the visitor has not rated it yet,
    so a widget loaded after the close still asks, once."""
    return {"type": "session", "session_key": view.session_key, "status": view.status,
            "messages": [MessageOut.of(m) for m in view.messages if m.seq > after_seq],
            "rateable": view.status == "closed" and view.agent is not None
            and view.rating is None}


def message_frame(message: object) -> dict[str, Any]:
    return {"type": "message", "message": MessageOut.of(message)}


def message_delta_frame(reply_to: int, delta: str) -> dict[str, Any]:
    """A piece of the bot's answer to message `reply_to` while it is written; never stored."""
    return {"type": "message_delta", "reply_to": reply_to, "delta": delta}


def status_frame(status: str, agent: str | None) -> dict[str, Any]:
    return {"type": "status", "status": status, "agent": agent}


def queue_place_frame(place: QueuePlace) -> dict[str, Any]:
    """`offline`: nobody can answer now; `opens_at`: when the business hours begin again
    (UTC), null when the hours are not the reason."""
    opens_at = place.opens_at.astimezone(UTC).isoformat() if place.opens_at else None
    return {"type": "queue", "position": place.position,
            "estimated_wait_seconds": place.estimated_wait_seconds,
            "offline": place.offline, "opens_at": opens_at}


AGENT_TYPING = {"type": "typing", "sender": "agent"}


def feedback_frame(message_id: str, helpful: bool) -> dict[str, Any]:
    """The acknowledgement of a stored feedback frame."""
    return {"type": "feedback", "message_id": message_id, "helpful": helpful}


def rating_frame(score: int, comment: str | None) -> dict[str, Any]:
    """The acknowledgement of a stored rating."""
    return {"type": "rating", "score": score, "comment": comment}


def contact_frame(contact: Contact) -> dict[str, Any]:
    """The acknowledgement of a stored contact, as stored (the phone in ASCII digits)."""
    return {"type": "contact", "name": contact.name, "email": contact.email,
            "phone": contact.phone}


def error_frame(error: ApiError) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "error", "code": error.code, "message": error.message}
    if error.retry_after is not None:
        frame["retry_after"] = error.retry_after
    if error.frame_type is not None:
        frame["frame_type"] = error.frame_type
    return frame
