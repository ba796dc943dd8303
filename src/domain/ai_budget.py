"""How much AI one conversation may use before the visitor is offered a person instead."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_CALLS = 20
DEFAULT_MAX_TOKENS = 40_000


@dataclass(frozen=True)
class AIUsage:
    calls: int = 0
    tokens: int = 0

    def plus(self, other: AIUsage) -> AIUsage:
        return AIUsage(self.calls + other.calls, self.tokens + other.tokens)


@dataclass(frozen=True)
class AIBudget:
    max_calls: int = DEFAULT_MAX_CALLS
    max_tokens: int = DEFAULT_MAX_TOKENS

    def __post_init__(self) -> None:
        if self.max_calls < 1 or self.max_tokens < 1:
            raise ValueError("an AI budget allows at least one call and one token")

    def allows_another_call(self, spent: AIUsage) -> bool:
        """A call's tokens are known only afterwards, so the last call may overshoot them."""
        return spent.calls < self.max_calls and spent.tokens < self.max_tokens
