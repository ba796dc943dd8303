"""Counters for rate limits and AI budgets: in process, or shared by every instance in Redis."""

from adapters.rate_limit.memory import InMemoryAIUsageLedger, InMemoryRateLimiter

__all__ = ["InMemoryAIUsageLedger", "InMemoryRateLimiter"]
