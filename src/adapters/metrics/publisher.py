"""Counts what this instance commits, on its way to the pub/sub.

The unit of work hands each committed batch to its publisher exactly once, on the
instance that committed it; events that arrive from other instances reach the local
subscribers without passing here. So each fact is counted once across all instances, and
sums over instances are right.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from adapters.metrics.registry import PasokhMetrics, escalation_kind
from application.ports import Publisher, RecordedEvent
from application.projections import message_view
from domain.queue import SessionDequeued, SessionEnqueued
from domain.session_events import SessionEscalated, SessionStarted

REMEMBERED_ENQUEUES = 10_000


class MeteredPublisher:
    def __init__(self, inner: Publisher, metrics: PasokhMetrics) -> None:
        self._inner = inner
        self._metrics = metrics
        self._enqueued: OrderedDict[str, datetime] = OrderedDict()
        # each (sender, source)'s counter, found once: labels() takes a lock and builds a
        # key for every message
        self._messages: dict[tuple[str, str], Any] = {}

    async def publish(self, recorded: Sequence[RecordedEvent]) -> None:
        for item in recorded:
            self._count(item)
        await self._inner.publish(recorded)

    def _count(self, recorded: RecordedEvent) -> None:
        event = recorded.event
        message = message_view(event)
        if message is not None:
            labels = (message.sender, message.source or "none")
            counter = self._messages.get(labels)
            if counter is None:
                counter = self._messages[labels] = self._metrics.messages.labels(*labels)
            counter.inc()
            return
        match event:
            case SessionStarted():
                self._metrics.sessions_started.inc()
            case SessionEscalated(reason=reason):
                self._metrics.escalations.labels(escalation_kind(reason)).inc()
            case SessionEnqueued(session_key=key, at=at):
                self._remember(key, at)
            case SessionDequeued(session_key=key, cause="taken", waited_seconds=float(waited)):
                self._enqueued.pop(key, None)
                self._metrics.queue_wait.observe(waited)
            case SessionDequeued(session_key=key, cause="taken", at=at):
                # schema v1 carried no waiting time: known when this instance queued it
                enqueued = self._enqueued.pop(key, None)
                if enqueued is not None:
                    self._metrics.queue_wait.observe(max(0.0, (at - enqueued).total_seconds()))
            case SessionDequeued(session_key=key):
                self._enqueued.pop(key, None)

    def _remember(self, session_key: str, at: datetime) -> None:
        self._enqueued[session_key] = at
        while len(self._enqueued) > REMEMBERED_ENQUEUES:
            self._enqueued.popitem(last=False)
