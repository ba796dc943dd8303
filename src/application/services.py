"""The ports and rules a handler may use, handed to every handler by the message bus."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from application.assignment import AutoAssignment
from application.availability import TeamAvailability
from application.deciding import Handoff
from application.ports import (
    AgentAccounts,
    AgentPresence,
    AIUsageLedger,
    AnswerResponder,
    Clock,
    ConcurrencyError,
    FAQMatcher,
    HandoffSummarizer,
    IdGenerator,
    Mailer,
    ReadModels,
    Signaller,
    UnitOfWork,
)
from application.rate_limits import Throttle
from domain.agent_load import DEFAULT_MAX_CHATS
from domain.ai_budget import AIBudget
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy

T = TypeVar("T")


@dataclass(frozen=True)
class ChatRules:
    ai_confidence_threshold: float = 0.6
    history_turns_for_ai: int = 10
    agent_max_chats: int = DEFAULT_MAX_CHATS
    ai_budget: AIBudget = field(default_factory=AIBudget)
    prompt_catalog_tokens: int = 3000  # show the model the whole catalog when it fits this
    summary_deadline_seconds: float = 4.0  # the model's time to write a handoff summary
    small_talk: bool = True  # Pasokh replies to small talk itself (ADR 0051)


@dataclass(frozen=True)
class Services:
    uow: Callable[[], UnitOfWork]
    read_models: ReadModels
    matcher: FAQMatcher
    responder: AnswerResponder
    clock: Clock
    ids: IdGenerator
    escalation: EscalationPolicy = field(default_factory=EscalationPolicy)
    answering: AnswerPolicy = field(default_factory=AnswerPolicy)
    rules: ChatRules = field(default_factory=ChatRules)
    ai_usage: AIUsageLedger | None = None  # None: AI use is not budgeted
    throttle: Throttle | None = None  # the deployment's AI calls a minute and a day
    ai_model: bool = True  # False: the responder is the local fallback, which costs nothing
    summarizer: HandoffSummarizer | None = None  # None: summaries come from the conversation
    signals: Signaller | None = None  # where an answer's pieces go while it is written
    availability: TeamAvailability | None = None  # None: a person can always answer
    assignment: AutoAssignment | None = None  # None: agents take conversations themselves
    accounts: AgentAccounts | None = None  # None: no agent to hand a conversation to
    presence: AgentPresence | None = None  # who is online; None: nobody
    mailer: Mailer | None = None  # None: no SMTP_URL, mails stay owed
    notify_email: str | None = None  # CHAT_NOTIFY_EMAIL: told of contacts left offline
    mail_domain: str = "pasokh.invalid"  # the right side of Message-IDs (SMTP_FROM's domain)
    mail_attempts: int = 4
    mail_retry_pause: float = 1.0  # seconds before the 2nd attempt, doubling after
    handoff: Handoff = field(default_factory=Handoff)  # the command's look, for the policy
    max_attempts: int = 8
    retry_pause: float = 0.004  # seconds; the pause before retry n is random, up to n times this

    async def in_transaction(self, work: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """Run work in a fresh unit of work and commit; reload and retry on a concurrent append
        (or when the store finds the work decided on an old state).

        Writers that lost a race on one stream would meet again in the next group commit;
        a random pause, growing with each attempt, spreads them out."""
        for attempt in range(1, self.max_attempts + 1):
            try:
                async with self.uow() as uow:
                    result = await work(uow)
                    await uow.commit()
                    return result
            except ConcurrencyError:
                if attempt == self.max_attempts:
                    raise
                await asyncio.sleep(random.uniform(0, self.retry_pause * attempt))
        raise AssertionError("unreachable")
