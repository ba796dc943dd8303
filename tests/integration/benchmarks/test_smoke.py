"""Each benchmark runs from its README command in a tiny quick mode and prints its figures.

Only the shape of the output is checked: speed is the benchmarks' business, not the tests'.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NUMBER = r"[\d.]+"


def run(*argv: str, timeout: float = 180) -> str:
    done = subprocess.run([sys.executable, "-m", *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout)
    return done.stdout


def test_ws_load_measures_round_trips_against_the_reference() -> None:
    output = run("bench.ws_load", "--spawn", "--clients", "3", "--duration", "1",
                 "--warmup", "0.5")
    for server in ("reference", "reference-tuned", "pasokh"):
        row = re.search(rf"^{server}\s+3\s+{NUMBER}\s+(\d+)\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}"
                        rf"\s+{NUMBER}\s+(\d+)$", output, re.MULTILINE)
        assert row is not None, f"no {server} row"
        assert int(row.group(1)) > 0 and int(row.group(2)) == 0  # answered, no errors
    for reference in ("reference", "reference-tuned"):
        assert re.search(rf"^ratio pasokh/{reference}: round trips per second {NUMBER}x, "
                         rf"p50 {NUMBER}x, p90 {NUMBER}x, p99 {NUMBER}x$", output, re.MULTILINE)


def test_ws_load_measures_memory_per_idle_socket() -> None:
    output = run("bench.ws_load", "--spawn", "--idle", "20")
    for server in ("reference", "reference-tuned", "pasokh"):
        assert re.search(rf"^{server}\s+20\s+{NUMBER}\s+{NUMBER}\s+-?{NUMBER}$", output,
                         re.MULTILINE), f"no {server} row"
    for reference in ("reference", "reference-tuned"):
        assert re.search(rf"^ratio pasokh/{reference}: memory per socket ({NUMBER}x|n/a .*)$",
                         output, re.MULTILINE)


@pytest.mark.postgres
def test_event_store_measures_both_backends(postgres_url: str) -> None:
    server = postgres_url.rsplit("/", 1)[0]
    output = run("bench.event_store", "--quick", "--ops", "40", "--events", "500",
                 "--writers", "4", "--postgres", server)
    for backend in ("sqlite", "postgres"):
        for figure in ("appends, one writer, new streams", "stream reads",
                       "appends, 4 writers, own streams", "appends, 4 writers, ONE hot stream",
                       "visitor messages, 4 at once", "events read in order"):
            assert re.search(rf"^{backend}\s+{re.escape(figure)}.*\d+/s", output,
                             re.MULTILINE), f"{backend}: no {figure!r}"
        rebuilt = re.search(rf"^{backend}\s+events replayed by a projection rebuild\s+(\d+) in",
                            output, re.MULTILINE)
        assert rebuilt is not None and int(rebuilt.group(1)) == 500


def test_reconcile_times_a_pass_on_a_filled_store(tmp_path: Path) -> None:
    output = run("bench.reconcile", "--database-url", f"sqlite:///{tmp_path}/bench.db",
                 "--sessions", "2000", "--passes", "3")
    assert re.search(rf"^filled 2000 conversations \(20 queued\) in {NUMBER} s$", output,
                     re.MULTILINE)
    assert re.search(rf"^one pass with nothing to repair, sqlite, 2000 conversations, 20 queued: "
                     rf"median {NUMBER} ms, worst {NUMBER} ms over 3 passes$", output, re.MULTILINE)


def test_faq_eval_prints_held_out_figures_per_domain() -> None:
    output = run("bench.faq_eval", "--quick", "12")
    assert "each domain held out of the fit" in output
    for domain in ("clinic", "courses", "food", "isp", "travel", "overall"):
        assert f"\n{domain}" in output, output
    assert "recall@5" in output


def test_faq_speed_measures_the_embedded_model() -> None:
    output = run("bench.faq_speed.meaning", "300")
    assert "model memory in this process" in output
    assert "start-up with 300 FAQs, vectors stored" in output
    assert "decision at 300 FAQs, novel questions" in output


def test_what_if_times_a_replay_of_visitor_questions() -> None:
    output = run("bench.what_if", "--questions", "500")
    assert "questions: 500 (" in output
    for step in ("fold", "replay", "total"):
        assert re.search(rf"^{step}: {NUMBER} s$", output, re.MULTILINE), step
