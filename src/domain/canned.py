"""Canned responses: the team's saved replies, each found in the reply box by its shortcut."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.base import DomainError
from domain.message import MAX_MESSAGE_LENGTH
from domain.text import unstorable

MAX_SHORTCUT = 32
SHORTCUT = re.compile(r"[\w-]+")  # letters of any script, digits, "_" and "-": typed after "/"


class InvalidCannedResponse(DomainError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DuplicateShortcut(DomainError):
    pass


@dataclass(frozen=True)
class CannedResponse:
    id: str
    shortcut: str
    text: str

    @classmethod
    def written(cls, id: str, shortcut: str, text: str) -> CannedResponse:
        """A canned response as an admin wrote it, trimmed; InvalidCannedResponse if not valid.
        The text is sent as an agent's message, so it keeps to a message's limits."""
        shortcut, text = shortcut.strip().lstrip("/"), text.strip()
        if not shortcut or len(shortcut) > MAX_SHORTCUT or not SHORTCUT.fullmatch(shortcut):
            raise InvalidCannedResponse(
                "shortcut", f"1 to {MAX_SHORTCUT} letters, digits, '-' or '_', no spaces")
        if not text or len(text) > MAX_MESSAGE_LENGTH:
            raise InvalidCannedResponse("text", f"1 to {MAX_MESSAGE_LENGTH} characters")
        if unstorable(text):
            raise InvalidCannedResponse("text", "holds characters that cannot be stored")
        return cls(id, shortcut, text)

    def offered_for(self, typed: str) -> bool:
        """Whether the reply box offers it for `typed` (after the "/"): its shortcut starts
        with it, whatever the case. The desk's picker (dashboard.canned.js) does the same."""
        return self.shortcut.casefold().startswith(typed.strip().lstrip("/").casefold())

    def clashes_with(self, other: CannedResponse) -> bool:
        return other.id != self.id and other.shortcut.casefold() == self.shortcut.casefold()
