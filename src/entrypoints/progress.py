"""A plain text progress bar for long CLI runs, drawn on a stream (stderr)."""

from __future__ import annotations

from typing import TextIO

MIN_TOTAL_FOR_BAR = 1000
WIDTH = 30


class ProgressBar:
    """Called as progress(done, total). Draws only for long runs, at most once per percent."""

    def __init__(self, stream: TextIO, min_total: int = MIN_TOTAL_FOR_BAR,
                 unit: str = "events") -> None:
        self._stream = stream
        self._unit = unit
        self._min_total = min_total
        self._last_percent = -1

    def __call__(self, done: int, total: int) -> None:
        if total < self._min_total:
            return
        percent = min(100, done * 100 // total)
        if percent == self._last_percent:
            return
        self._last_percent = percent
        filled = WIDTH * percent // 100
        bar = "#" * filled + "-" * (WIDTH - filled)
        end = "\n" if done >= total else ""
        self._stream.write(f"\r[{bar}] {percent:3d}% {done}/{total} {self._unit}{end}")
        self._stream.flush()
