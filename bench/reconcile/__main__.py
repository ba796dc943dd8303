"""What one reconciliation pass costs when nothing is wrong, on a big read model.

    .venv/bin/python -m bench.reconcile --database-url postgresql://postgres@127.0.0.1:5432/recbench
    .venv/bin/python -m bench.reconcile --database-url sqlite:///var/recbench.db --sessions 100000

The database must be empty (it is migrated here). It is filled, straight through SQL, with
`--sessions` conversations as a busy site leaves them: most with the bot and answered, a
quarter closed, some with agents, a few queued (and waiting in the queue). Then it times
`Reconciler.run_once()` (all three queries; nothing to repair, so nothing else) and prints
the median and the worst of `--passes` passes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.pubsub import InProcessPubSub
from adapters.sql.database import Database
from adapters.sql.migrate import upgrade
from adapters.sql.read_models import SqlReadModels
from adapters.sql.tables import rm_queue, rm_sessions
from adapters.sql.unit_of_work import SqlUnitOfWork
from adapters.system import SecureIds, SystemClock
from application.messagebus import MessageBus
from application.reconcile import Reconciler
from application.services import Services

CHUNK = 5000


def conversation(n: int, now: datetime, queued_every: int) -> dict[str, object]:
    status = ("closed" if n % 4 == 0 else "with_agent" if n % 25 == 1
              else "queued" if n % queued_every == 3 else "bot")
    at = now - timedelta(minutes=n % 100_000)
    return {"session_key": f"bench-{n:08d}", "status": status, "started_at": at,
            "agent": "sara" if status == "with_agent" else None, "last_message": "ok",
            "last_visitor_message": "hello", "last_visitor_at": at, "unanswered": 0}


async def fill(db: Database, sessions: int, queued_every: int) -> int:
    now, queued = datetime.now(UTC), 0
    async with db.connect() as conn, conn.begin():
        for start in range(0, sessions, CHUNK):
            rows = [conversation(n, now, queued_every)
                    for n in range(start, min(start + CHUNK, sessions))]
            await conn.execute(insert(rm_sessions), rows)
            waiting = [{"session_key": r["session_key"], "reason": "visitor_request",
                        "enqueued_at": r["started_at"], "ord": queued + i}
                       for i, r in enumerate(r for r in rows if r["status"] == "queued")]
            if waiting:
                await conn.execute(insert(rm_queue), waiting)
                queued += len(waiting)
    return queued


async def main(url: str, sessions: int, passes: int, queued_every: int) -> None:
    upgrade(url)
    db = Database(url)
    try:
        started = time.perf_counter()
        queued = await fill(db, sessions, queued_every)
        print(f"filled {sessions} conversations ({queued} queued) "
              f"in {time.perf_counter() - started:.1f} s")
        if db.engine.dialect.name == "postgresql":
            async with db.connect() as conn:
                await conn.exec_driver_sql("ANALYZE rm_sessions")
                await conn.exec_driver_sql("ANALYZE rm_queue")
                await conn.commit()
        read_models = SqlReadModels(db)

        def uow(on_commit: object = None) -> SqlUnitOfWork:
            return SqlUnitOfWork(db, InProcessPubSub(), on_commit)  # type: ignore[arg-type]

        services = Services(uow=uow, read_models=read_models,
                            matcher=IndexedFAQMatcher(read_models),
                            responder=LocalFallbackResponder(), clock=SystemClock(),
                            ids=SecureIds())
        reconciler = Reconciler(MessageBus(services, uow), services, grace_seconds=45)
        timings = []
        for _ in range(passes):
            began = time.perf_counter()
            repairs = await reconciler.run_once()
            timings.append((time.perf_counter() - began) * 1000)
            assert repairs == [], repairs
        print(f"one pass with nothing to repair, {db.engine.dialect.name}, {sessions} "
              f"conversations, {queued} queued: median {statistics.median(timings):.2f} ms, "
              f"worst {max(timings):.2f} ms over {passes} passes")
    finally:
        await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--passes", type=int, default=50)
    parser.add_argument("--queued-every", type=int, default=100,
                        help="one conversation in this many waits in the queue")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.database_url, arguments.sessions, arguments.passes,
                     arguments.queued_every))
