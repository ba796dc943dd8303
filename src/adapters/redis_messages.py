"""What travels over Redis pub/sub: committed events and signals, as JSON with their origin."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from adapters.sql.serialization import from_row, to_row
from application.ports import Notification, RecordedEvent, Signal


def encode(recorded: RecordedEvent, origin: str) -> str:
    type_name, version, data = to_row(recorded.event)
    return json.dumps({
        "origin": origin, "position": recorded.position, "stream_id": recorded.stream_id,
        "version": recorded.version, "type": type_name, "schema_version": version,
        "data": data, "recorded_at": recorded.recorded_at.isoformat(),
        "metadata": recorded.metadata,
    }, ensure_ascii=False)


def encode_signal(signal: Signal, origin: str) -> str:
    return json.dumps({"origin": origin, "signal": {
        "stream_id": signal.stream_id, "kind": signal.kind, "sender": signal.sender}},
        ensure_ascii=False)


def decode(payload: str | bytes) -> tuple[str, Notification]:
    doc: dict[str, Any] = json.loads(payload)
    if "signal" in doc:
        fields = doc["signal"]
        return doc["origin"], Signal(str(fields["stream_id"]), str(fields["kind"]),
                                     str(fields["sender"]))
    event = from_row(doc["type"], doc["schema_version"], doc["data"])
    recorded = RecordedEvent(doc["position"], doc["stream_id"], doc["version"], event,
                             datetime.fromisoformat(doc["recorded_at"]), doc.get("metadata", {}))
    return doc["origin"], recorded
