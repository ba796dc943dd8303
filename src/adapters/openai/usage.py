"""Tokens and time spent on the model, per conversation, for the most recent conversations."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SessionUsage:
    calls: int = 0
    failures: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0

    def plus(self, prompt_tokens: int, completion_tokens: int, latency_ms: float,
             failed: bool) -> SessionUsage:
        return replace(self, calls=self.calls + 1, failures=self.failures + int(failed),
                       prompt_tokens=self.prompt_tokens + prompt_tokens,
                       completion_tokens=self.completion_tokens + completion_tokens,
                       latency_ms=self.latency_ms + latency_ms)


class UsageTally:
    """In memory and bounded: the oldest conversations are forgotten first."""

    def __init__(self, max_sessions: int = 10_000) -> None:
        self._max_sessions = max_sessions
        self._sessions: OrderedDict[str, SessionUsage] = OrderedDict()
        self.total = SessionUsage()

    def record(self, session_key: str | None, prompt_tokens: int, completion_tokens: int,
               latency_ms: float, failed: bool) -> None:
        self.total = self.total.plus(prompt_tokens, completion_tokens, latency_ms, failed)
        if session_key is None:
            return
        usage = self._sessions.pop(session_key, SessionUsage())
        self._sessions[session_key] = usage.plus(prompt_tokens, completion_tokens, latency_ms,
                                                 failed)
        while len(self._sessions) > self._max_sessions:
            self._sessions.popitem(last=False)

    def for_session(self, session_key: str) -> SessionUsage:
        return self._sessions.get(session_key, SessionUsage())
