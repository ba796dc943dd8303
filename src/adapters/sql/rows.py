"""How views and read-model rows map onto each other, for the readers and the projection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy.engine import Row

from application.views import MessageView
from domain.faq import CONTENT_FIELDS, FAQ, FAQContent
from domain.message import Offer

FAQ_COLUMNS = ("id", *CONTENT_FIELDS)
MESSAGE_COLUMNS = ("id", "seq", "sender", "text", "source", "faq_id", "created_at",
                   "client_id", "agent", "suggestions", "citations", "helpful")


def message_row(message: MessageView) -> dict[str, Any]:
    row = {name: getattr(message, name) for name in MESSAGE_COLUMNS}
    row["suggestions"] = orjson.dumps([
        {"faq_id": o.faq_id, "question": o.question} for o in message.suggestions
    ]).decode() if message.suggestions else None
    row["citations"] = orjson.dumps(list(message.citations)).decode() \
        if message.citations else None
    return row


def message_view(row: Mapping[str, Any] | Any) -> MessageView:
    values = dict(row)
    offered = values.pop("suggestions")
    cited = values.pop("citations")
    helpful = values.pop("helpful")
    return MessageView(
        **values,
        suggestions=tuple(Offer(o["faq_id"], o["question"]) for o in orjson.loads(offered))
        if offered else (),
        citations=tuple(orjson.loads(cited)) if cited else (),
        helpful=None if helpful is None else bool(helpful))


def faq_of(row: Row[Any]) -> FAQ:
    m = row._mapping
    return FAQ(m["id"], FAQContent(m["question"], m["answer"], tuple(m["keywords"]),
                                   m["category"], m["priority"], bool(m["active"])))
