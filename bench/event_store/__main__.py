"""python -m bench.event_store [--quick] [--events N] [--backends sqlite postgres]

Prints appends and reads per second, concurrent writers on distinct streams and on one
hot stream (with the races lost and retried), visitor messages through the real bus, and
the time to rebuild the read models from N events (default 1,000,000; --quick: 10,000).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
from datetime import UTC, datetime

from adapters.sql.database import Database
from bench.event_store.commands import posted_messages
from bench.event_store.databases import DEFAULT_POSTGRES, database
from bench.event_store.reads import stream_reads
from bench.event_store.rebuild import rebuild
from bench.event_store.writes import concurrent_appends, sequential_appends


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.event_store", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--events", type=int, help="events to rebuild from (1,000,000)")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"],
                        choices=["sqlite", "postgres"])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES,
                        help="server URL without database; a temporary one is created")
    parser.add_argument("--ops", type=int, help="appends, reads and messages (3000)")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--skip-rebuild", action="store_true")
    return parser.parse_args()


async def measure(backend: str, args: argparse.Namespace) -> None:
    ops = args.ops or (200 if args.quick else 3000)
    events = args.events or (10_000 if args.quick else 1_000_000)
    with database(backend, args.postgres) as url:
        db = Database(url)
        try:
            streams = await sequential_appends(db, backend, ops)
            await stream_reads(db, backend, streams, ops)
            for grouped in (False, True):
                for hot in (False, True):
                    await concurrent_appends(db, backend, args.writers, ops // args.writers,
                                             hot, grouped)
        finally:
            await db.dispose()
        await posted_messages(url, backend, args.writers, ops)
    if args.skip_rebuild:
        return
    with database(backend, args.postgres) as url:
        db = Database(url)
        try:
            await rebuild(db, backend, events)
        finally:
            await db.dispose()


def main() -> None:
    args = arguments()
    print(f"# bench.event_store {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}", flush=True)
    for backend in args.backends:
        asyncio.run(measure(backend, args))


if __name__ == "__main__":
    main()
