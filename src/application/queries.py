"""Query handlers: thin reads of the read models."""

from __future__ import annotations

from application.errors import SessionNotFound
from application.ports import ReadModels
from application.views import SessionView


async def history(read_models: ReadModels, session_key: str, after_seq: int = 0) -> SessionView:
    view = await read_models.session(session_key, after_seq)
    if view is None:
        raise SessionNotFound(session_key)
    return view
