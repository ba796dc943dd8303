"""Can a person answer now? The business hours in the team's time zone, and whether any
agent has the desk open."""

from __future__ import annotations

from datetime import tzinfo

from application.ports import AgentPresence, Clock
from domain.business_hours import Availability, BusinessHours, availability


class TeamAvailability:
    def __init__(self, hours: BusinessHours, zone: tzinfo, presence: AgentPresence,
                 clock: Clock) -> None:
        self._hours, self._zone, self._presence, self._clock = hours, zone, presence, clock

    async def now(self) -> Availability:
        local = self._clock.now().astimezone(self._zone)
        hours_open = self._hours.is_open(local)
        online = hours_open and await self._presence.anyone_online()
        return availability(self._hours, local, online)
