"""What each conversation has spent on the AI, kept outside the event log.

Usage is bookkeeping, not a fact of the conversation: it lives in a ledger (in process,
or in Redis for every instance) and forgetting it only ever gives a visitor more AI.
"""

from __future__ import annotations

from application.ports import AIUsageLedger, DraftReply
from domain.ai_budget import AIBudget, AIUsage

RESERVED_CALL = AIUsage(calls=1)


async def reserve_call(ledger: AIUsageLedger, session_key: str, budget: AIBudget) -> bool:
    """Take one call of the conversation's budget before calling the model: the call is
    added first, then the total is checked, and given back when over. Two messages at the
    same moment can never both pass on the last call (they may both be refused, which
    errs on the side of the budget)."""
    await ledger.add(session_key, RESERVED_CALL)
    before_this_call = (await ledger.spent(session_key)).plus(AIUsage(calls=-1))
    if budget.allows_another_call(before_this_call):
        return True
    await ledger.add(session_key, AIUsage(calls=-1))
    return False


def cost_of(draft: DraftReply) -> AIUsage:
    """A draft that reports no tokens came from no model (the local fallback): it is free."""
    if draft.prompt_tokens is None and draft.completion_tokens is None:
        return AIUsage()
    return AIUsage(1, (draft.prompt_tokens or 0) + (draft.completion_tokens or 0))
