"""Reports, gaps and what-ifs for a period, over conversations folded from the event store.

The folded conversations are kept between requests and brought up to date by reading only
the events appended since (ADR 0039): a request costs the new events plus the period's
computation, and a projection rebuild changes nothing here (no read model is involved)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from application.insights.conversations import Conversation, Conversations, Question
from application.insights.gaps import MOST_TEXTS, Gap, group, unanswered
from application.insights.stats import Stats, stats_of
from application.insights.what_if import WhatIf, replay
from application.ports import Clock, EventHistory, FAQMatcher, QuestionMeanings
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy
from domain.faq import FAQ

DEFAULT_DAYS = 30
LONGEST_DAYS = 400  # a report of more than a year is a mistake (or a way to make us work)
BATCH = 5000


class InvalidPeriod(ValueError):
    """The period ends before it starts, or is longer than LONGEST_DAYS."""


@dataclass(frozen=True)
class Period:
    since: datetime
    until: datetime


class Insights:
    def __init__(self, history: EventHistory, matcher: FAQMatcher, clock: Clock,
                 answering: AnswerPolicy, escalation: EscalationPolicy,
                 meanings: QuestionMeanings | None = None) -> None:
        self._history = history
        self._matcher = matcher
        self._clock = clock
        self._answering = answering
        self._escalation = escalation
        self._meanings = meanings
        self._folded = Conversations()
        self._catching_up = asyncio.Lock()

    def period(self, since: datetime | None, until: datetime | None) -> Period:
        """[since, until); until defaults to now, since to DEFAULT_DAYS before until."""
        until = until or self._clock.now()
        since = since or until - timedelta(days=DEFAULT_DAYS)
        if since >= until:
            raise InvalidPeriod("since must be before until")
        if until - since > timedelta(days=LONGEST_DAYS):
            raise InvalidPeriod(f"a period is at most {LONGEST_DAYS} days")
        return Period(since, until)

    async def conversations(self, period: Period) -> list[Conversation]:
        async with self._catching_up:
            while batch := await self._history.read_after(self._folded.position, BATCH):
                for recorded in batch:
                    self._folded.fold(recorded.stream_id, recorded.position, recorded.event)
        return self._folded.started_between(period.since, period.until)

    async def stats(self, period: Period) -> Stats:
        return stats_of(await self.conversations(period), period.since, period.until)

    async def gaps(self, period: Period) -> list[Gap]:
        asked = unanswered(await self.conversations(period))[:MOST_TEXTS]
        similar = None
        if self._meanings is not None and asked:
            similar = await self._meanings.similar([a.text for a in asked])
        return await asyncio.to_thread(group, asked, similar)

    async def what_if(self, draft: FAQ, period: Period) -> WhatIf:
        """Off the event loop: a month of questions takes seconds of CPU (bench/what_if)."""
        questions: list[Question] = [q for c in await self.conversations(period)
                                     for q in c.questions]
        catalog = await self._matcher.active_faqs()
        return await asyncio.to_thread(replay, draft, catalog, questions, self._answering,
                                       self._escalation)
