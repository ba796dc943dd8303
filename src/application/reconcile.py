"""Finds reactions a crash left undone and runs the same policies again (ADR 0019).

Policies run after their event's commit, in memory (ADR 0004): a process that dies in
between loses the reaction. The reconciler compares what the read models show with what
the reactions would have made of it (a question without a reply, a session `queued` but
not waiting, a queue place held by a session already taken or closed) and hands the event
that should have caused the reaction back to the message bus. It keeps no checkpoint: each
pass looks at the state as it is, so any instance may run it, at any time, as often as it
likes; the policies record their effect once however often they run.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from application.messagebus import MessageBus
from application.ports import RecordedEvent
from application.services import Services
from domain.chat_session import ChatSession, SessionStatus, stream_id_for
from domain.session_events import (
    AgentJoined,
    MailQueued,
    SessionClosed,
    SessionEscalated,
    SessionReturnedToQueue,
    VisitorMessagePosted,
)

log = logging.getLogger(__name__)

ANSWER, ENQUEUE, DEQUEUE, MAIL = "answer", "enqueue", "dequeue", "mail"
"""Kinds of repair: a question answered (or escalated), a session queued, one taken out, an
email owed sent."""
KINDS = (ANSWER, ENQUEUE, DEQUEUE, MAIL)
DEFAULT_BATCH = 50


@dataclass(frozen=True)
class Repair:
    """A reaction that was missing and has now been recorded."""

    kind: str
    session_key: str
    position: int  # of the event the reaction belongs to


class PassReport(Protocol):
    """Hears how each pass of run_forever went (to log and count it)."""

    def done(self, repairs: Sequence[Repair]) -> None: ...

    def failed(self) -> None: ...


@dataclass(frozen=True)
class _Missing:
    kind: str
    session_key: str
    cause: RecordedEvent


class Reconciler:
    def __init__(self, bus: MessageBus, services: Services, grace_seconds: float,
                 batch: int = DEFAULT_BATCH) -> None:
        self._bus = bus
        self._svc = services
        self._grace = timedelta(seconds=grace_seconds)
        self._batch = batch

    async def run_once(self) -> list[Repair]:
        """One pass: react to what is still missing after the grace period; returns what was
        repaired (nothing for a reaction another run recorded first)."""
        settled = self._svc.clock.now() - self._grace
        found = [*await self._unanswered(settled), *await self._not_queued(settled),
                 *await self._still_queued(settled), *await self._unmailed(settled)]
        by_session: dict[str, list[_Missing]] = {}
        for missing in found:
            by_session.setdefault(missing.session_key, []).append(missing)
        done = await asyncio.gather(*(self._repair(each) for each in by_session.values()))
        return [repair for repairs in done for repair in repairs]

    async def run_forever(self, interval_seconds: float, report: PassReport) -> None:
        """A pass now, then one every interval (jittered, so instances spread out)."""
        while True:
            try:
                repairs = await self.run_once()
            except Exception:  # the store may be down; the next pass tries again
                log.exception("reconciliation pass failed")
                report.failed()
            else:
                report.done(repairs)
            await asyncio.sleep(interval_seconds * random.uniform(0.8, 1.2))  # noqa: S311

    async def _repair(self, missing: list[_Missing]) -> list[Repair]:
        """One session's missing reactions, in the order of their events, as they happened."""
        repairs = []
        for item in sorted(missing, key=lambda m: m.cause.position):
            if await self._bus.react(item.cause):
                repairs.append(Repair(item.kind, item.session_key, item.cause.position))
        return repairs

    async def _unanswered(self, settled: datetime) -> list[_Missing]:
        found = []
        for key in await self._svc.read_models.sessions_awaiting_reply(settled, self._batch):
            history, session = await self._load(key)
            if session.status is not SessionStatus.BOT:
                continue
            owed = {m.seq for m in session.unanswered_questions}
            found += [_Missing(ANSWER, key, r) for r in history
                      if isinstance(r.event, VisitorMessagePosted) and r.event.seq in owed
                      and r.event.at < settled]
        return found

    async def _not_queued(self, settled: datetime) -> list[_Missing]:
        found = []
        for key in await self._svc.read_models.queued_sessions_not_waiting(self._batch):
            history, session = await self._load(key)
            # the latest way into the queue: escalated, or put back at its head (ADR 0047)
            escalation = _last(history, SessionEscalated, SessionReturnedToQueue)
            if (escalation is not None and _settled(escalation, settled)
                    and session.status is SessionStatus.QUEUED):
                found.append(_Missing(ENQUEUE, key, escalation))
        return found

    async def _still_queued(self, settled: datetime) -> list[_Missing]:
        found = []
        for key in await self._svc.read_models.waiting_sessions_gone(self._batch):
            history, _ = await self._load(key)
            departure = _last(history, AgentJoined, SessionClosed)
            if departure is not None and _settled(departure, settled):
                found.append(_Missing(DEQUEUE, key, departure))
        return found

    async def _unmailed(self, settled: datetime) -> list[_Missing]:
        """Emails owed and not recorded as sent: a crash between the commit and the sending,
        or a mail server down for longer than the retries (ADR 0043)."""
        found = []
        for key in await self._svc.read_models.sessions_owing_mail(self._batch):
            history, session = await self._load(key)
            owed = {m.mail_id for m in session.unsent_mails}
            found += [_Missing(MAIL, key, r) for r in history
                      if isinstance(r.event, MailQueued) and r.event.mail_id in owed
                      and _settled(r, settled)]
        return found

    async def _load(self, session_key: str) -> tuple[list[RecordedEvent], ChatSession]:
        stream_id = stream_id_for(session_key)
        async with self._svc.uow() as uow:  # read only: never committed
            history = await uow.events.read_stream(stream_id)
        return history, ChatSession.rehydrate(stream_id, (r.event for r in history))


def _last(history: list[RecordedEvent], *kinds: type) -> RecordedEvent | None:
    return next((r for r in reversed(history) if isinstance(r.event, kinds)), None)


def _settled(recorded: RecordedEvent, settled: datetime) -> bool:
    """Older than the grace period: the live policy, if it is still alive, had its chance."""
    at: datetime = getattr(recorded.event, "at")  # noqa: B009 - every session event has one
    return at < settled

