"""Pasokh wired with its in-memory adapters, a fixed clock and simple ids, for the specs.

Steps are synchronous (pytest-bdd) and the application is async, so every step runs its
coroutine on one event loop per scenario; background policies started by one step keep
their loop and finish when a later step awaits `bus.idle()`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, TypeVar

from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.event_store import InMemoryEventLog
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.rate_limit import InMemoryRateLimiter
from application.availability import TeamAvailability
from application.commands import Command, StartSession
from application.messagebus import MessageBus
from application.ports import (
    DRAFT,
    AgentAccount,
    HandoffSummarizer,
    OutgoingMail,
    Signal,
    Subscription,
)
from application.projections import message_view
from application.rate_limits import Throttle
from application.services import Services
from application.unit_of_work import OnCommit
from application.views import MessageView
from domain.business_hours import BusinessHours
from domain.chat_session import stream_id_for

T = TypeVar("T")

STEP_TIMEOUT_SECONDS = 10
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


class FixedClock:
    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class SimpleIds:
    def __init__(self) -> None:
        self.messages = 0
        self.sessions = 0

    def new_id(self) -> str:
        self.messages += 1
        return f"m{self.messages}"

    def new_session_key(self) -> str:
        self.sessions += 1
        return f"visitor-{self.sessions}"


@dataclass
class VisitorScreen:
    """What the visitor's open page shows: every message delivered live, in arrival order,
    and the pieces of answers seen while they were written."""

    subscription: Subscription
    messages: list[MessageView] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    async def watch(self) -> None:
        async for item in self.subscription:
            if isinstance(item, Signal):
                if item.kind == DRAFT:
                    self.written.append(item.text)
                continue
            message = message_view(item.event)
            if message is not None:
                self.messages.append(message)


class PolicyFailures(logging.Handler):
    """Collects the errors the message bus logs instead of raising, so a spec can fail on them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Pasokh:
    def __init__(self, runner: asyncio.Runner) -> None:
        self.runner = runner
        self.clock = FixedClock()
        self.ids = SimpleIds()
        self.log = InMemoryEventLog()
        self.read_models = InMemoryReadModels()
        self.pubsub = InProcessPubSub()
        services = Services(uow=self._unit_of_work, read_models=self.read_models,
                            matcher=IndexedFAQMatcher(self.read_models),
                            responder=LocalFallbackResponder(), clock=self.clock, ids=self.ids,
                            throttle=Throttle(InMemoryRateLimiter()))
        self.services = services
        self.bus = MessageBus(services, self._unit_of_work)
        self.agents_online = False  # whether an agent has the desk open
        self.at_desk: set[str] = set()  # the agents online, by name (transfer_and_return)
        self.mailed: list[OutgoingMail] = []
        self._watchers: list[asyncio.Task[None]] = []

    async def anyone_online(self) -> bool:
        """AgentPresence, as the scenario set it."""
        return self.agents_online

    async def send(self, mail: OutgoingMail) -> None:
        """Mailer: what a mail server would have taken."""
        self.mailed.append(mail)

    def send_mail(self, notify: str | None = None) -> None:
        """From now on emails go out (to the scenario's outbox); `notify`: the team's."""
        self.services = replace(self.services, mailer=self, notify_email=notify,
                                mail_domain="clinic.example")
        self.bus = MessageBus(self.services, self._unit_of_work)

    def keep_hours(self, hours: BusinessHours, zone: tzinfo) -> None:
        """From now on the team answers in these hours only."""
        team = TeamAvailability(hours, zone, self, self.clock)
        self.services = replace(self.services, availability=team)
        self.bus = MessageBus(self.services, self._unit_of_work)

    def summarize_with(self, summarizer: HandoffSummarizer) -> None:
        """From now on a model writes the handoff summaries (or fails to)."""
        self.services = replace(self.services, summarizer=summarizer)
        self.bus = MessageBus(self.services, self._unit_of_work)

    def staff(self, team: dict[str, str], max_chats: int) -> None:
        """The team's accounts (username: display name), each taking at most max_chats."""
        accounts = InMemoryAgentAccounts()
        for username, shown in team.items():
            self.run(accounts.save(AgentAccount(username, "-", shown, START, role="agent")))
        rules = replace(self.services.rules, agent_max_chats=max_chats)
        self.services = replace(self.services, accounts=accounts, presence=self, rules=rules)
        self.bus = MessageBus(self.services, self._unit_of_work)

    async def status_of(self, username: str) -> str:
        """AgentPresence: online when the scenario put them at the desk."""
        return "online" if username in self.at_desk else "offline"

    async def online_agents(self) -> set[str]:
        return set(self.at_desk)

    def _unit_of_work(self, on_commit: OnCommit | None = None) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.log, self.read_models, self.pubsub, on_commit)

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run one step's work on the scenario's loop; a hang fails the step instead of the run."""
        return self.runner.run(asyncio.wait_for(work, STEP_TIMEOUT_SECONDS))

    def do(self, command: Command) -> Any:
        """Handle the command and wait until every reaction to it (answers, queue) is done."""

        async def handle_and_settle() -> Any:
            try:
                return await self.bus.handle(command)
            finally:
                await self.settle()

        return self.run(handle_and_settle())

    async def settle(self) -> None:
        await self.bus.idle()
        # Published events are already queued for the watchers; one turn lets them read all.
        for _ in range(3):
            await asyncio.sleep(0)

    def start_conversation(self, network: str | None = None) -> Conversation:
        """network: the tag of the visitor's network (None: not known, not limited)."""
        session = self.do(StartSession(origin=network))
        return Conversation(session.session_key, self.open_screen(session.session_key))

    def open_screen(self, session_key: str) -> VisitorScreen:
        async def subscribe() -> VisitorScreen:
            screen = VisitorScreen(await self.pubsub.subscribe(stream_id_for(session_key)))
            self._watchers.append(asyncio.get_running_loop().create_task(screen.watch()))
            return screen

        return self.run(subscribe())

    def shut_down(self) -> None:
        async def stop() -> None:
            await self.bus.idle()
            for watcher in self._watchers:
                watcher.cancel()
            await asyncio.gather(*self._watchers, return_exceptions=True)

        self.run(stop())


@dataclass
class Conversation:
    """One visitor's conversation, and the page on which the visitor follows it."""

    session_key: str
    screen: VisitorScreen

    def __str__(self) -> str:
        return self.session_key
