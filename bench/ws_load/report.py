"""Figures as printed: each server's, then Pasokh's as a ratio to the bare reference."""

from __future__ import annotations

from typing import TypeVar

from bench.ws_load.load import IdleResult, LoopResult

T = TypeVar("T", LoopResult, IdleResult)


def print_loop(results: list[LoopResult]) -> None:
    print(f"{'server':<16}{'clients':>8}{'seconds':>9}{'round_trips':>13}{'per_s':>9}"
          f"{'p50_ms':>9}{'p90_ms':>9}{'p99_ms':>9}{'errors':>8}")
    for r in results:
        print(f"{r.server:<16}{r.clients:>8}{r.seconds:>9.1f}{len(r.latencies):>13}"
              f"{r.rate:>9.0f}{r.percentile_ms(50):>9.1f}{r.percentile_ms(90):>9.1f}"
              f"{r.percentile_ms(99):>9.1f}{r.errors:>8}")
    pasokh, references = _pairs(results)
    for reference in references:
        if pasokh and reference.rate:
            latencies = "".join(
                f", p{p} {_ratio(pasokh.percentile_ms(p) / reference.percentile_ms(p))}x"
                for p in (50, 90, 99))
            print(f"ratio pasokh/{reference.server}: round trips per second "
                  f"{_ratio(pasokh.rate / reference.rate)}x{latencies}")


def print_idle(results: list[IdleResult]) -> None:
    print(f"{'server':<16}{'sockets':>8}{'rss_before_MiB':>16}{'rss_after_MiB':>15}"
          f"{'KiB_per_socket':>16}")
    for r in results:
        print(f"{r.server:<16}{r.sockets:>8}{r.rss_before_kib / 1024:>16.1f}"
              f"{r.rss_after_kib / 1024:>15.1f}{r.kib_per_socket:>16.1f}")
    pasokh, references = _pairs(results)
    for reference in references:
        if pasokh is None:
            break
        ratio = (f"{pasokh.kib_per_socket / reference.kib_per_socket:.1f}x"
                 if reference.kib_per_socket > 0 else "n/a (the reference did not grow)")
        print(f"ratio pasokh/{reference.server}: memory per socket {ratio}")


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value >= 0.1 else f"{value:.4f}"


def _pairs(results: list[T]) -> tuple[T | None, list[T]]:
    """Pasokh's result, and the references' (every server whose name starts so)."""
    named = {r.server: r for r in results}
    return named.get("pasokh"), [r for r in results if r.server.startswith("reference")]
