"""Stops calling a failing provider for a while, then lets one probe call find out if it is back.

closed: calls go through; `threshold` failures in a row open the circuit.
open: calls are refused at once until `reset_seconds` have passed.
half-open: one probe call goes through (others are still refused); its success closes
the circuit, its failure opens it again for another `reset_seconds`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum


class CircuitState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(self, threshold: int, reset_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if threshold < 1:
            raise ValueError("a circuit breaker needs a threshold of at least 1")
        self.threshold = threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._state = CircuitState.CLOSED
        self._failures = 0
        self._opened_at = 0.0

    @property
    def state(self) -> CircuitState:
        return self._state

    def allow(self) -> bool:
        """Whether a call may go out now; in half-open, only the first caller gets through."""
        if self._state is CircuitState.CLOSED:
            return True
        if self._state is CircuitState.OPEN and self._cooled_down():
            self._state = CircuitState.HALF_OPEN
            return True
        return False

    def record_success(self) -> None:
        self._state, self._failures = CircuitState.CLOSED, 0

    def record_failure(self) -> None:
        self._failures += 1
        if self._state is CircuitState.HALF_OPEN or self._failures >= self.threshold:
            self._open()

    def abandon(self) -> None:
        """A call was cancelled before its outcome was known: a probe leaves the circuit open."""
        if self._state is CircuitState.HALF_OPEN:
            self._open()

    def _open(self) -> None:
        self._state, self._opened_at = CircuitState.OPEN, self._clock()

    def _cooled_down(self) -> bool:
        return self._clock() - self._opened_at >= self.reset_seconds
