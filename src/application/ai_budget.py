"""What each conversation has spent on the AI, kept outside the event log.

Usage is bookkeeping, not a fact of the conversation: it lives in a ledger (in process,
or in Redis for every instance) and forgetting it only ever gives a visitor more AI.
"""

from __future__ import annotations

from typing import Protocol

from application.ports import DraftReply
from domain.ai_budget import AIUsage


class AIUsageLedger(Protocol):
    async def spent(self, session_key: str) -> AIUsage: ...

    async def add(self, session_key: str, usage: AIUsage) -> None: ...


FAILED_CALL = AIUsage(calls=1)


def cost_of(draft: DraftReply) -> AIUsage:
    """A draft that reports no tokens came from no model (the local fallback): it is free."""
    if draft.prompt_tokens is None and draft.completion_tokens is None:
        return AIUsage()
    return AIUsage(1, (draft.prompt_tokens or 0) + (draft.completion_tokens or 0))
