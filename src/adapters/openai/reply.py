"""Reading the model's structured answer; anything off the schema is a failure, not a guess."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

ELLIPSIS = "…"


class MalformedReply(ValueError):
    """The model's output is not the JSON object the schema asks for."""


@dataclass(frozen=True)
class ModelReply:
    answer: str
    confidence: float
    needs_human: bool
    reason: str
    faq_id: str | None = None
    cited_faq_ids: tuple[str, ...] = ()


def content_of(completion: Any) -> str:
    """The text of the first choice; a refusal, a cut-off or a missing choice is malformed."""
    try:
        choice = completion.choices[0]
        message = choice.message
    except (AttributeError, IndexError, TypeError) as missing:
        raise MalformedReply("the response has no choice") from missing
    if getattr(message, "refusal", None):
        raise MalformedReply("the model refused")
    if getattr(choice, "finish_reason", None) == "length":
        raise MalformedReply("the answer was cut off at the token limit")
    content = getattr(message, "content", None)
    if not isinstance(content, str):
        raise MalformedReply("the response has no text content")
    return content


def parse_reply(content: str) -> ModelReply:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise MalformedReply("the content is not JSON") from error
    if not isinstance(data, dict):
        raise MalformedReply("the content is not a JSON object")
    missing = sorted({"answer", "confidence", "needs_human", "reason"} - data.keys())
    if missing:
        raise MalformedReply(f"missing fields: {', '.join(missing)}")
    answer, confidence = data["answer"], data["confidence"]
    needs_human, reason = data["needs_human"], data["reason"]
    if not isinstance(answer, str) or not isinstance(reason, str):
        raise MalformedReply("answer and reason must be strings")
    if not isinstance(needs_human, bool):
        raise MalformedReply("needs_human must be a boolean")
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise MalformedReply("confidence must be a number")
    if not (math.isfinite(confidence) and 0 <= confidence <= 1):
        raise MalformedReply("confidence must lie between 0 and 1")
    if not answer.strip() and not needs_human:
        raise MalformedReply("an empty answer that does not ask for a person")
    # faq_id and cited_faq_ids are optional: servers that do not honour strict schemas may
    # leave them out, and a reply without them is still an answer (no FAQ named, no citation)
    faq_id = data.get("faq_id")
    if faq_id is not None and not isinstance(faq_id, str):
        raise MalformedReply("faq_id must be a string or null")
    cited = data.get("cited_faq_ids") or []
    if not isinstance(cited, list) or not all(isinstance(i, str) for i in cited):
        raise MalformedReply("cited_faq_ids must be a list of strings")
    return ModelReply(answer.strip(), float(confidence), needs_human, reason.strip(),
                      faq_id or None, tuple(cited))


def truncated(text: str, max_chars: int) -> str:
    """At most max_chars characters, cut at a word boundary when one is reasonably close."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars - len(ELLIPSIS)]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary >= len(cut) // 2:
        cut = cut[:boundary]
    return cut.rstrip(" \n\t.,;:،؛") + ELLIPSIS
