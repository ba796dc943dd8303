"""What travels over Redis pub/sub: committed events and signals, as JSON with their origin
(orjson: ADR 0026)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from adapters.sql.serialization import from_row, to_row
from application.ports import Notification, RecordedEvent, Signal


def own_prefix(origin: str) -> bytes:
    """How every message encoded here by `origin` begins: an instance skips its own
    messages without decoding them (orjson writes no spaces, and "origin" first)."""
    return b'{"origin":' + orjson.dumps(origin)


def encode(recorded: RecordedEvent, origin: str) -> bytes:
    type_name, version, data = to_row(recorded.event)
    return orjson.dumps({
        "origin": origin, "position": recorded.position, "stream_id": recorded.stream_id,
        "version": recorded.version, "type": type_name, "schema_version": version,
        "data": data, "recorded_at": recorded.recorded_at.isoformat(),
        "metadata": recorded.metadata,
    })


def encode_signal(signal: Signal, origin: str) -> bytes:
    fields: dict[str, Any] = {"stream_id": signal.stream_id, "kind": signal.kind,
                              "sender": signal.sender}
    if signal.reply_to or signal.text:  # a draft's piece; other signals stay as they were
        fields.update(reply_to=signal.reply_to, text=signal.text)
    return orjson.dumps({"origin": origin, "signal": fields})


def decode(payload: str | bytes) -> tuple[str, Notification]:
    doc: dict[str, Any] = orjson.loads(payload)
    if "signal" in doc:
        fields = doc["signal"]
        return doc["origin"], Signal(str(fields["stream_id"]), str(fields["kind"]),
                                     str(fields["sender"]), int(fields.get("reply_to", 0)),
                                     str(fields.get("text", "")))
    event = from_row(doc["type"], doc["schema_version"], doc["data"])
    recorded = RecordedEvent(doc["position"], doc["stream_id"], doc["version"], event,
                             datetime.fromisoformat(doc["recorded_at"]), doc.get("metadata", {}))
    return doc["origin"], recorded
