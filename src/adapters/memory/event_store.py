"""An event store in a Python list, with the same contract as the SQL stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from adapters.memory.read_models import InMemoryReadModels
from application.ports import Append, RecordedEvent, version_conflict
from application.projections import project


class InMemoryEventLog:
    """The committed log shared by every unit of work of one process."""

    def __init__(self) -> None:
        self.records: list[RecordedEvent] = []
        self.versions: dict[str, int] = {}
        self.streams: dict[str, list[RecordedEvent]] = {}

    async def read_stream(self, stream_id: str) -> list[RecordedEvent]:
        return list(self.streams.get(stream_id, ()))

    async def read_all(self, after_position: int = 0, limit: int = 1000) -> list[RecordedEvent]:
        return self.records[after_position:after_position + limit]

    def extend(self, appends: Sequence[Append], metadata: dict[str, Any]
               ) -> list[RecordedEvent]:
        """Append without a version check (the caller made it)."""
        now = datetime.now(UTC)
        recorded: list[RecordedEvent] = []
        for append in appends:
            for number, event in enumerate(append.events, start=1):
                recorded.append(RecordedEvent(
                    len(self.records) + len(recorded) + 1, append.stream_id,
                    append.expected_version + number, event, now, dict(metadata)))
        for record in recorded:
            self.records.append(record)
            self.streams.setdefault(record.stream_id, []).append(record)
            self.versions[record.stream_id] = record.version
        return recorded

    def truncate(self, length: int) -> None:
        for recorded in self.records[length:]:
            self.streams[recorded.stream_id].pop()
            self.versions[recorded.stream_id] -= 1
        del self.records[length:]


class InMemoryEventWriter:
    """The in-memory append path: the version check, the appends and their projection, all
    or nothing. Nothing awaits between the check and the appends, so no other task can
    slip in; a projection that fails takes the appends back."""

    def __init__(self, log: InMemoryEventLog, read_models: InMemoryReadModels) -> None:
        self._log = log
        self._read_models = read_models

    async def write(self, appends: Sequence[Append], metadata: dict[str, Any]
                    ) -> list[RecordedEvent]:
        if not appends:
            return []
        conflict = version_conflict(appends, dict(self._log.versions))
        if conflict is not None:
            raise conflict
        length = len(self._log.records)
        recorded = self._log.extend(appends, metadata)
        try:
            await project(self._read_models, recorded)
        except BaseException:
            self._log.truncate(length)
            raise
        return recorded
