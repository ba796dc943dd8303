"""AI answers through the official openai SDK, against OpenAI or any compatible server."""

from adapters.openai.circuit_breaker import CircuitBreaker, CircuitState
from adapters.openai.options import OpenAIOptions
from adapters.openai.responder import OpenAIAnswerGenerator, openai_client
from adapters.openai.usage import SessionUsage

__all__ = ["CircuitBreaker", "CircuitState", "OpenAIAnswerGenerator", "OpenAIOptions",
           "SessionUsage", "openai_client"]
