"""Automatic assignment: waiting conversations go to online agents with room, in queue order,
the least busy first (domain/assignment.py). A pass runs on enqueue, on close, when an agent
comes online and on a timer, on any instance; the board lets one pass run at a time, and the
join's race (one winner, AlreadyAssigned for the rest) keeps each conversation given once."""

from __future__ import annotations

import logging
from collections import Counter

from application import commands
from application.errors import SessionNotFound
from application.handlers.policies import session_key_of
from application.handlers.sessions import join_session
from application.ports import AssignmentTurn, RecordedEvent
from application.services import Services
from domain.assignment import AgentLoad, next_assignment
from domain.errors import AlreadyAssigned, SessionAlreadyClosed, TooManyChats
from domain.session_events import SessionClosed, SessionReturnedToQueue

log = logging.getLogger(__name__)

MISSED = (AlreadyAssigned, SessionAlreadyClosed, TooManyChats, SessionNotFound)
"""A conversation taken, closed or gone since the read, or an agent fuller than it looked."""


async def assign_waiting(cmd: commands.AssignWaiting, svc: Services) -> list[tuple[str, str]]:
    """(session_key, agent) for each conversation this pass gave."""
    if svc.assignment is None:
        return []
    given: list[tuple[str, str]] = []
    try:
        async with svc.assignment.board.turn():
            passed_over: set[str] = set()
            while (step := await _next(svc, passed_over)) is not None:
                key, agent = step
                passed_over.add(key)  # given or missed, it is not this pass's to try again
                if await _give(svc, key, agent):
                    given.append(step)
    except AssignmentTurn:  # the next trigger, or the timer's pass, gives them
        log.warning("no assignment turn in time; left to the next pass")
    return given


async def _next(svc: Services, passed_over: set[str]) -> tuple[str, str] | None:
    """The first conversation to give and to whom, from the state as it is now."""
    assert svc.assignment is not None
    waiting = [entry.session_key for entry in await svc.read_models.queue()
               if entry.session_key not in passed_over]
    online = await _active(svc, await svc.assignment.presence.online_agents()) \
        if waiting else set()
    if not online:
        return None
    held = Counter(chat.agent for chat in await svc.read_models.active_chats())
    idle = await svc.assignment.board.idle_since(online)
    loads = [AgentLoad(agent, held[agent], idle.get(agent)) for agent in sorted(online)]
    put_back = await svc.assignment.board.put_back_by(waiting)
    return next_assignment(waiting, loads, svc.rules.agent_max_chats, put_back)


async def _active(svc: Services, agents: set[str]) -> set[str]:
    """Without the accounts disabled or removed while a desk of theirs still counted as open
    (its socket closing on another instance, or an instance that died)."""
    assert svc.assignment is not None
    accounts = [await svc.assignment.accounts.get(agent) for agent in agents]
    return {account.username for account in accounts if account is not None and account.active}


async def _give(svc: Services, key: str, agent: str) -> bool:
    assert svc.assignment is not None
    account = await svc.assignment.accounts.get(agent)
    shown = account.display_name if account is not None else None
    try:
        await join_session(commands.JoinSession(key, agent, shown), svc)
    except MISSED as missed:
        log.info("assignment missed: %s", type(missed).__name__)
        return False
    await svc.assignment.board.busy(agent, svc.clock.now())
    return True


async def on_queue_change(recorded: RecordedEvent, svc: Services) -> None:
    """Policy: a conversation entered the queue."""
    await assign_waiting(commands.AssignWaiting(), svc)


async def on_close(recorded: RecordedEvent, svc: Services) -> None:
    """Policy: a conversation ended; its agent has room, and is idle from now."""
    event = recorded.event
    assert isinstance(event, SessionClosed)
    if svc.assignment is None:
        return
    view = await svc.read_models.session(session_key_of(recorded))
    if view is not None and view.agent is not None:
        await svc.assignment.board.busy(view.agent, event.at)
    await assign_waiting(commands.AssignWaiting(), svc)


async def on_return(recorded: RecordedEvent, svc: Services) -> None:
    """Policy: an agent put a conversation back; it is someone else's to take (listed before
    the policy that puts it back in the queue, whose pass then knows)."""
    event = recorded.event
    assert isinstance(event, SessionReturnedToQueue)
    if svc.assignment is not None:
        await svc.assignment.board.put_back(session_key_of(recorded), event.from_agent)
