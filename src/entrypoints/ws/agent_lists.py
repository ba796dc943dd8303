"""The queue and the active chats as one agent's dashboard last got them.

Re-read from the read models when a notification may have changed them, and sent again
only when they did change, so a burst of notifications costs reads, not frames.
"""

from __future__ import annotations

from typing import Any

from application.ports import ReadModels
from application.views import ChatView
from entrypoints.ws.agent_frames import chats_of, queue_of

Frame = dict[str, Any]


class LiveLists:
    def __init__(self, read_models: ReadModels) -> None:
        self._read_models = read_models
        self.queue: list[Frame] = []
        self.chats: list[Frame] = []

    async def load(self) -> list[ChatView]:
        self.queue = queue_of(await self._read_models.queue())
        chats = await self._read_models.active_chats()
        self.chats = chats_of(chats)
        return chats

    def shows_in_queue(self, session_key: str) -> bool:
        return any(entry["session_key"] == session_key for entry in self.queue)

    def shows_in_chats(self, session_key: str) -> bool:
        return any(chat["session_key"] == session_key for chat in self.chats)

    async def queue_frame(self) -> Frame | None:
        """`{"type": "queue", ...}` when the queue changed since last time, else None."""
        queue = queue_of(await self._read_models.queue())
        if queue == self.queue:
            return None
        self.queue = queue
        return {"type": "queue", "queue": queue}

    async def chats_frame(self) -> tuple[Frame | None, list[ChatView]]:
        """`{"type": "active_chats", ...}` when they changed, else None; and the chats."""
        chats = await self._read_models.active_chats()
        listed = chats_of(chats)
        if listed == self.chats:
            return None, chats
        self.chats = listed
        return {"type": "active_chats", "active_chats": listed}, chats
