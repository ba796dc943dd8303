"""Fakes of our own ports, and an in-memory bus wired like the real one."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.event_store import InMemoryEventLog
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.ai_budget import AIUsageLedger
from application.availability import TeamAvailability
from application.messagebus import MessageBus
from application.ports import (
    AgentAccounts,
    AgentPresence,
    DraftReply,
    FAQSuggestion,
    HandoffSummarizer,
    ResponderUnavailable,
    TextSink,
    Turn,
)
from application.rate_limits import Throttle
from application.services import ChatRules, Services
from application.unit_of_work import OnCommit
from domain.answering import AnswerPolicy
from tests.unit.conftest import CountingIds, FixedClock


@dataclass
class ScriptedResponder:
    """Replies with the next scripted draft (or raises it), recording what it was asked."""

    script: list[DraftReply | Exception] = field(default_factory=list)
    asked: list[tuple[str, list[Turn], list[FAQSuggestion]]] = field(default_factory=list)
    gate: asyncio.Event | None = None

    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None,
                          on_text: TextSink | None = None) -> DraftReply:
        self.asked.append((question, list(history), list(suggestions)))
        if self.gate is not None:
            await self.gate.wait()
        reply = self.script.pop(0) if self.script else DraftReply("I think so.", 0.9)
        if isinstance(reply, Exception):
            raise reply
        if on_text is not None:  # written word by word, as a streaming model would
            for piece in re.findall(r"\S+\s*", reply.text):
                await on_text(piece)
        return reply


@dataclass
class App:
    bus: MessageBus
    log: InMemoryEventLog
    read_models: InMemoryReadModels
    pubsub: InProcessPubSub
    responder: ScriptedResponder
    clock: FixedClock
    services: Services

    def another_instance(self, policies: bool = True) -> MessageBus:
        """A second bus on the same stores; without policies it is a process that dies right
        after each commit, before any reaction."""
        return MessageBus(self.services, self.services.uow,
                          event_handlers=None if policies else {})


def build_app(responder: ScriptedResponder | None = None, clock: FixedClock | None = None,
              ids: CountingIds | None = None, rules: ChatRules | None = None,
              faq_threshold: float | None = None, ai_usage: AIUsageLedger | None = None,
              offers: bool = False, throttle: Throttle | None = None,
              availability: TeamAvailability | None = None,
              summarizer: HandoffSummarizer | None = None,
              accounts: AgentAccounts | None = None,
              presence: AgentPresence | None = None) -> App:
    """offers: whether the bot offers FAQs to choose from when unsure (as it does without
    a model); by default the scripted responder stands for a model, which weighs them."""
    log, read_models, pubsub = InMemoryEventLog(), InMemoryReadModels(), InProcessPubSub()
    responder = responder or ScriptedResponder()
    clock = clock or FixedClock()

    def uow(on_commit: OnCommit | None = None) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(log, read_models, pubsub, on_commit)

    matcher = IndexedFAQMatcher(read_models)
    answering = AnswerPolicy(offers=offers)
    if faq_threshold is not None:
        answering = answering.answering_at(faq_threshold)
    services = Services(uow=uow, read_models=read_models, matcher=matcher, answering=answering,
                        responder=responder, clock=clock, ids=ids or CountingIds(),
                        rules=rules or ChatRules(), ai_usage=ai_usage, throttle=throttle,
                        availability=availability, summarizer=summarizer, accounts=accounts,
                        presence=presence)
    return App(MessageBus(services, uow), log, read_models, pubsub, responder, clock,
               services)


@dataclass
class SwitchedPresence:
    """AgentPresence whose answer the test sets."""

    online: bool = False

    async def anyone_online(self) -> bool:
        return self.online

    async def status_of(self, username: str) -> str:
        return "online" if self.online else "offline"

    async def online_agents(self) -> set[str]:
        return {"someone"} if self.online else set()


@dataclass
class DeskPresence:
    """AgentPresence of a fixed team: who is online, who is away; the rest are offline."""

    online: set[str] = field(default_factory=set)
    away: set[str] = field(default_factory=set)

    async def anyone_online(self) -> bool:
        return bool(self.online)

    async def status_of(self, username: str) -> str:
        return "online" if username in self.online else "away" if username in self.away \
            else "offline"

    async def online_agents(self) -> set[str]:
        return set(self.online)


__all__ = ["App", "ResponderUnavailable", "ScriptedResponder", "build_app"]
