"""A realistic event history, written straight into the events table in big batches
(the store's append path would take as long as the rebuild we want to time)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from adapters.sql.database import Database
from adapters.sql.serialization import to_row
from adapters.sql.tables import events
from domain.base import DomainEvent
from domain.session_events import BotAnswered, SessionStarted, VisitorMessagePosted

TURNS_PER_SESSION = 4  # 1 start + 4 questions and 4 answers: 9 events a conversation
BATCH = 5_000
START = datetime(2025, 1, 1, tzinfo=UTC)


def conversation(number: int) -> Iterator[DomainEvent]:
    key = f"bench{number:012d}"
    at = START + timedelta(seconds=number)
    yield SessionStarted(session_key=key, at=at)
    for turn in range(TURNS_PER_SESSION):
        seq = 2 * turn + 1
        yield VisitorMessagePosted(message_id=f"{key}-{seq}", seq=seq, client_id=None, at=at,
                                   text="چطور نوبت بگیرم؟ How do I book an appointment?")
        yield BotAnswered(message_id=f"{key}-{seq + 1}", seq=seq + 1, source="faq",
                          faq_id="faq-1", confidence=0.93, in_reply_to=seq, at=at,
                          text="Use the booking page on our website, or call us.")


def rows(count: int) -> Iterator[dict[str, object]]:
    now = datetime.now(UTC)
    produced = 0
    for number in itertools.count():
        for version, event in enumerate(conversation(number), start=1):
            if produced == count:
                return
            type_name, schema_version, data = to_row(event)
            yield {"stream_id": f"session-bench{number:012d}", "version": version,
                   "type": type_name, "schema_version": schema_version, "data": data,
                   "metadata": {}, "recorded_at": now}
            produced += 1


async def write_history(db: Database, count: int) -> None:
    batch: list[dict[str, object]] = []
    for row in rows(count):
        batch.append(row)
        if len(batch) == BATCH:
            await _insert(db, batch)
            batch = []
    if batch:
        await _insert(db, batch)


async def _insert(db: Database, batch: list[dict[str, object]]) -> None:
    async with db.connect() as conn, conn.begin():
        await conn.execute(insert(events), batch)
