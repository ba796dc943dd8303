"""python -m bench.ws_load (--spawn | --url ws://HOST:PORT [--pid PID]) [--clients N]
       [--duration S] [--conversation K] [--idle N]

Visitors in a closed loop of FAQ questions: round trips per second and p50/p90/p99 latency
from question sent to answer received. With --idle N: N sockets held open, and the server's
resident memory per socket (needs the server's pid: --pid, or --spawn). The bare reference
server (bench/ws_load/reference.py) is always started and measured in the same run, twice:
under uvicorn's defaults ("reference") and under the WebSocket settings `pasokh serve` uses
("reference-tuned"); every figure is also printed as a ratio to each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
from contextlib import ExitStack
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from bench.ws_load.load import closed_loop, idle_sockets
from bench.ws_load.report import print_idle, print_loop
from bench.ws_load.servers import Server, pasokh_server, reference_server, scratch_folder
from domain.escalation import EscalationPolicy
from entrypoints.server import TUNED_WEBSOCKETS


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ws_load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--spawn", action="store_true",
                        help="start `pasokh serve` (temporary SQLite, sample FAQs) here")
    target.add_argument("--url", help="a running Pasokh, ws://HOST:PORT (FAQs seeded)")
    parser.add_argument("--pid", type=int, help="the running Pasokh's pid, for --idle")
    parser.add_argument("--database-url", help="with --spawn: this database instead")
    parser.add_argument("--redis-url", help="with --spawn: fan out through this Redis")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds not measured")
    parser.add_argument("--conversation", type=int, default=0, metavar="K",
                        help="start a new conversation every K questions (0: never)")
    parser.add_argument("--idle", type=int, metavar="N", help="hold N idle sockets instead")
    parser.add_argument("--novel", action="store_true",
                        help="ask the labelled set's paraphrases instead of the catalog's own "
                             "questions (matching by meaning runs)")
    return parser.parse_args()


def faq_questions() -> list[str]:
    """The sample catalog's questions, less those that would hand the visitor to a person."""
    catalog = json.loads(resources.files("entrypoints.seed").joinpath("clinic_faqs.json")
                         .read_text("utf-8"))
    policy = EscalationPolicy()
    return [item["question"] for item in catalog if policy.reason_for(item["question"]) is None]


def novel_questions() -> list[str]:
    """Visitors' own wording of the clinic's questions (eval/questions.jsonl: paraphrases,
    spoken Persian, English), less those that would hand the visitor to a person."""
    path = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    policy = EscalationPolicy()
    return [row["text"] for row in rows
            if row["variant"] in ("paraphrase", "colloquial") and row["expected"]
            and policy.reason_for(row["text"]) is None]


def enough_file_descriptors() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # spawned servers inherit it


async def measure(servers: list[Server], args: argparse.Namespace) -> None:
    if args.idle:
        print_idle([await idle_sockets(server, args.idle) for server in servers])
        return
    questions = novel_questions() if args.novel else faq_questions()
    print_loop([await closed_loop(server, args.clients, args.duration, args.warmup, questions,
                                  args.conversation) for server in servers])


def main() -> None:
    args = arguments()
    enough_file_descriptors()
    print(f"# bench.ws_load {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load generator on the "
          "same machine", flush=True)
    with ExitStack() as stack:
        folder = stack.enter_context(scratch_folder())
        # uvicorn's defaults, and the WebSocket settings `pasokh serve` uses (ADR 0021)
        reference = stack.enter_context(reference_server(folder))
        tuned = stack.enter_context(reference_server(folder, "reference-tuned",
                                                     TUNED_WEBSOCKETS))
        if args.spawn:
            pasokh = stack.enter_context(pasokh_server(folder, args.database_url,
                                                       args.redis_url))
        else:
            pasokh = Server("pasokh", args.url.rstrip("/"), args.pid)
        asyncio.run(measure([reference, tuned, pasokh], args))


if __name__ == "__main__":
    main()
