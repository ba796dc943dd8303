"""The visitor-facing `answer` of a structured reply, read while the model writes its JSON.

The model streams a JSON object ({"answer": "...", "confidence": ...}). Only the answer's
text goes to the visitor as it grows; the rest (confidence, needs_human, faq_id) is read
from the whole reply at the end, and decides (ADR 0035).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

_ANSWER_STARTS = re.compile(r'(?<!\\)"answer"\s*:\s*"')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}


class AnswerFieldReader:
    """Fed the reply's JSON text piece by piece; each feed returns the answer text that the
    piece completed (escapes decoded; an escape cut in two waits for its second half)."""

    def __init__(self) -> None:
        self._raw = ""
        self._at: int | None = None  # where the answer's undecoded text starts, once found
        self._done = False
        self._high_surrogate = ""

    def feed(self, piece: str) -> str:
        self._raw += piece
        if self._done:
            return ""
        if self._at is None:
            found = _ANSWER_STARTS.search(self._raw)
            if found is None:
                return ""
            self._at = found.end()
        return self._decode()

    def _decode(self) -> str:
        assert self._at is not None
        raw, at, out = self._raw, self._at, []
        while at < len(raw):
            char = raw[at]
            if char == '"':
                self._done = True
                break
            if char != "\\":
                out.append(char)
                at += 1
                continue
            if at + 1 >= len(raw):
                break  # the rest of the escape is in the next piece
            kind = raw[at + 1]
            if kind == "u":
                if at + 6 > len(raw):
                    break
                out.append(self._unicode(raw[at + 2:at + 6]))
                at += 6
            else:
                out.append(_ESCAPES.get(kind, kind))
                at += 2
        self._at = at
        return "".join(out)

    def _unicode(self, digits: str) -> str:
        """\\uXXXX; a surrogate pair comes out whole, once its second half is read."""
        try:
            code = int(digits, 16)
        except ValueError:
            return ""
        if 0xD800 <= code <= 0xDBFF:
            self._high_surrogate = chr(code)
            return ""
        if 0xDC00 <= code <= 0xDFFF and self._high_surrogate:
            pair = (self._high_surrogate + chr(code)).encode("utf-16", "surrogatepass")
            self._high_surrogate = ""
            return pair.decode("utf-16")
        return chr(code)


class WrittenSink:
    """Passes pieces on, remembering whether any went out (then the call is not retried)."""

    def __init__(self, sink: Callable[[str], Awaitable[None]]) -> None:
        self._sink = sink
        self.wrote = False

    async def __call__(self, text: str) -> None:
        self.wrote = True
        await self._sink(text)


@dataclass
class StreamedMessage:
    content: str | None = None
    refusal: str | None = None


@dataclass
class StreamedChoice:
    message: StreamedMessage = field(default_factory=StreamedMessage)
    finish_reason: str | None = None


@dataclass
class StreamedCompletion:
    """A streamed reply put back together, shaped like a ChatCompletion where it is read
    (choices[0].message, finish_reason, usage)."""

    choices: list[StreamedChoice] = field(default_factory=lambda: [StreamedChoice()])
    usage: Any = None

    def take(self, chunk: Any) -> None:
        if getattr(chunk, "usage", None) is not None:
            self.usage = chunk.usage
        choice, message = self.choices[0], self.choices[0].message
        for part in getattr(chunk, "choices", None) or []:
            delta = part.delta
            if getattr(delta, "content", None):
                message.content = (message.content or "") + delta.content
            if getattr(delta, "refusal", None):
                message.refusal = (message.refusal or "") + delta.refusal
            if part.finish_reason:
                choice.finish_reason = part.finish_reason
            break
