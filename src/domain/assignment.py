"""Who takes a waiting conversation when assignment is automatic: the online agent with the
fewest conversations under the limit; between equals, the one idle longest (whose last
conversation was given or ended first; never given one: before everyone)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class AgentLoad:
    """An online agent (away and offline agents are not candidates at all)."""

    agent: str
    chats: int
    idle_since: datetime | None = None  # the last conversation given or ended; None: never


def least_busy(loads: Sequence[AgentLoad], max_chats: int) -> AgentLoad | None:
    """The agent who takes the next conversation, or None when nobody has room."""
    with_room = [load for load in loads if load.chats < max_chats]
    if not with_room:
        return None
    return min(with_room, key=lambda load: (load.chats, load.idle_since or NEVER, load.agent))


def assignments(waiting: Sequence[str], loads: Sequence[AgentLoad], max_chats: int,
                at: datetime) -> list[tuple[str, str]]:
    """(session_key, agent) for the waiting conversations, in queue order, until nobody has
    room; each one given counts at once towards its agent's load and idle time."""
    loads = list(loads)
    given: list[tuple[str, str]] = []
    for session_key in waiting:
        chosen = least_busy(loads, max_chats)
        if chosen is None:
            break
        given.append((session_key, chosen.agent))
        loads[loads.index(chosen)] = replace(chosen, chats=chosen.chats + 1, idle_since=at)
    return given


def next_assignment(waiting: Sequence[str], loads: Sequence[AgentLoad], max_chats: int,
                    put_back_by: Mapping[str, str]) -> tuple[str, str] | None:
    """The first waiting conversation someone may take, and who takes it. A conversation an
    agent put back in the queue never goes back to that agent: it waits for someone else,
    and the conversations behind it go meanwhile (that agent may still join it by hand)."""
    if least_busy(loads, max_chats) is None:
        return None
    for session_key in waiting:
        declined = put_back_by.get(session_key)
        chosen = least_busy([load for load in loads if load.agent != declined], max_chats)
        if chosen is not None:
            return session_key, chosen.agent
    return None
