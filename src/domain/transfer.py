"""Handing a conversation on (ADR 0047): who may, and to whom."""

from __future__ import annotations

from dataclasses import dataclass

from domain.agent_load import ChatLimit
from domain.errors import AgentNotOnline, AlreadyAssigned, NobodyHoldsIt, NotAssignedAgent


@dataclass(frozen=True)
class Handover:
    """Who asks (`by`, and whether they are an admin) and which agent they saw holding the
    conversation when they asked (`seen_holder`): when it moved meanwhile (a join, another
    transfer won the race), the handover is refused rather than applied to a conversation
    the asker did not see."""

    by: str
    by_admin: bool
    seen_holder: str | None

    def ensure_allowed(self, holder: str | None) -> str:
        """The holder it is taken from; raises when the asker may not hand it on."""
        if holder != self.seen_holder:
            raise AlreadyAssigned(f"the conversation moved to {holder} meanwhile")
        if holder is None:
            raise NobodyHoldsIt("nobody holds this conversation: join it instead")
        if self.by != holder and not self.by_admin:
            raise NotAssignedAgent(f"only {holder} or an admin may hand this conversation on")
        return holder


@dataclass(frozen=True)
class TransferTarget:
    """The agent a conversation is handed to, as they were when asked: online or not, and
    how many conversations they hold."""

    agent: str
    online: bool
    held: int

    def ensure_can_take_one(self, limit: ChatLimit) -> None:
        if not self.online:
            raise AgentNotOnline(f"{self.agent} is not online")
        limit.ensure_room_for_one_more(self.agent, self.held)
