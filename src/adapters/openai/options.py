"""How the OpenAI answer generator is tuned: one value per operator setting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenAIOptions:
    """Defaults suit gpt-4o-mini on api.openai.com; tests shrink the times."""

    model: str = "gpt-4o-mini"
    business_description: str = ""
    timeout_seconds: float = 15.0  # one request
    total_timeout_seconds: float = 30.0  # one answer, retries and waits included
    max_retries: int = 2
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0
    retry_after_cap_seconds: float = 10.0
    circuit_failure_threshold: int = 5
    circuit_reset_seconds: float = 30.0
    max_answer_chars: int = 1200
    max_output_tokens: int = 600
    temperature: float | None = 0.2  # None leaves it to the provider (some models refuse it)

    def __post_init__(self) -> None:
        positive = {
            "timeout_seconds": self.timeout_seconds,
            "total_timeout_seconds": self.total_timeout_seconds,
            "circuit_failure_threshold": self.circuit_failure_threshold,
            "max_answer_chars": self.max_answer_chars,
            "max_output_tokens": self.max_output_tokens,
        }
        not_negative = {
            "max_retries": self.max_retries,
            "backoff_base_seconds": self.backoff_base_seconds,
            "backoff_max_seconds": self.backoff_max_seconds,
            "retry_after_cap_seconds": self.retry_after_cap_seconds,
            "circuit_reset_seconds": self.circuit_reset_seconds,
        }
        bad = [name for name, value in positive.items() if value <= 0]
        bad += [name for name, value in not_negative.items() if value < 0]
        if bad:
            raise ValueError(f"OpenAI options out of range: {', '.join(bad)}")
        if not self.model.strip():
            raise ValueError("OpenAI options: model is empty")
