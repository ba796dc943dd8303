"""One measured figure and how it is printed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Figure:
    backend: str
    name: str
    count: int = 0
    seconds: float = 0.0
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        notes = "".join(f"  {key}={value}" for key, value in self.notes.items())
        return (f"{self.backend:<9}{self.name:<44}{self.count:>9} in {self.seconds:8.2f} s"
                f" = {self.rate:>9.0f}/s{notes}")


@contextmanager
def timed(figure: Figure) -> Iterator[Figure]:
    started = time.perf_counter()
    try:
        yield figure
    finally:
        figure.seconds = time.perf_counter() - started
        print(figure.line(), flush=True)
