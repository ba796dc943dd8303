"""How many conversations one agent may hold at once."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import TooManyChats

DEFAULT_MAX_CHATS = 5


@dataclass(frozen=True)
class ChatLimit:
    max_chats: int = DEFAULT_MAX_CHATS

    def ensure_room_for_one_more(self, agent: str, held: int) -> None:
        """Raises TooManyChats when the agent already holds max_chats conversations."""
        if held >= self.max_chats:
            raise TooManyChats(f"{agent} already holds {held} of {self.max_chats} chats")
