"""How often a client may do what: visitor messages, new sessions and agent logins.

Each rule is a sliding window counted by a RateLimiter (in process, or shared through
Redis by every instance). A refused attempt is not counted, so a client that keeps
hammering is let in again as soon as its oldest counted attempt leaves the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from application.ports import DAY, HOUR, Limit, RateLimiter


class RateLimited(Exception):
    def __init__(self, what: str, retry_after: float) -> None:
        super().__init__(f"too many {what}; try again in {max(1, round(retry_after))} s")
        self.what = what
        self.retry_after = retry_after


@dataclass(frozen=True)
class RateLimits:
    visitor_messages: Limit = field(default_factory=lambda: Limit.per_minute(10))
    session_starts: Limit = field(default_factory=lambda: Limit.per_minute(20))
    logins_per_address: Limit = field(default_factory=lambda: Limit.per_minute(10))
    # NIST SP 800-63B: at most 100 failed attempts on one account; per hour, so it recovers.
    logins_per_account: Limit = field(default_factory=lambda: Limit(100, HOUR))
    # A browser that logged in to the account before (its device cookie) has its own
    # count, so guesses from elsewhere cannot lock the owner out (OWASP device cookies).
    logins_per_device: Limit = field(default_factory=lambda: Limit(20, HOUR))
    # Model calls of the whole deployment: conversations are free to start, so the
    # per-conversation budget alone would let one address drive the spending.
    ai_calls_per_minute: Limit = field(default_factory=lambda: Limit.per_minute(60))
    ai_calls_per_day: Limit = field(default_factory=lambda: Limit(2000, DAY))
    # The same for one network (a session's origin tag): conversations are free to start.
    ai_calls_per_address_per_minute: Limit = field(default_factory=lambda: Limit.per_minute(10))
    ai_calls_per_address_per_day: Limit = field(default_factory=lambda: Limit(200, DAY))
    # Escalations from one network: beyond this, its conversations wait marked as a flood.
    escalations_per_address: Limit = field(default_factory=lambda: Limit(5, HOUR))
    # ... and from one visitor (the widget's visitor id), whatever network they come from.
    escalations_per_visitor: Limit = field(default_factory=lambda: Limit(3, HOUR))


def account_key(username: str) -> str:
    """One counter for every spelling that could name the same account."""
    return username.strip().casefold()


class Throttle:
    def __init__(self, limiter: RateLimiter, limits: RateLimits | None = None,
                 on_refused: Callable[[str], None] | None = None) -> None:
        self._limiter = limiter
        self.limits = limits or RateLimits()
        self._on_refused = on_refused  # told the kind of limit ("messages", "logins", ...)

    async def visitor_message(self, session_key: str) -> None:
        await self._admit(f"messages:{session_key}", self.limits.visitor_messages, "messages")

    async def visitor_feedback(self, session_key: str) -> None:
        """"Did this help?" answers and ratings: as many a minute as messages, counted
        apart, so flipping an answer cannot write an event per click without end."""
        await self._admit(f"feedback:{session_key}", self.limits.visitor_messages,
                          "answers to \"did this help?\"")

    async def session_start(self, address: str) -> None:
        await self._admit(f"sessions:{address}", self.limits.session_starts, "new sessions")

    async def login_attempt(self, username: str, address: str,
                            device: str | None = None) -> None:
        """Before a password is evaluated: per address first, then per account, or per
        device for a browser that logged in to this account before.

        The account's attempt is counted before the password is checked, so concurrent
        guesses cannot evaluate more than the limit; a success uses up one attempt too.
        Unknown usernames are counted like known ones: the answers must not tell them apart.
        A known device (`device`: the id of a valid device cookie for this account) is
        counted on its own, so an account flooded with guesses from unknown browsers still
        lets its owner in.
        """
        await self._admit(f"logins:address:{address}", self.limits.logins_per_address,
                          "login attempts")
        if device is not None:
            await self._admit(f"logins:device:{device}", self.limits.logins_per_device,
                              "login attempts from this browser")
            return
        await self._admit(f"logins:account:{account_key(username)}",
                          self.limits.logins_per_account, "login attempts for this account")

    async def first_use(self, ticket_id: str, within_seconds: float) -> bool:
        """A single-use ticket's one use (application.auth.TicketUses), counted like any
        other attempt, so every instance sharing the limiter agrees."""
        decision = await self._limiter.hit(f"tickets:{ticket_id}", Limit(1, within_seconds))
        return decision.allowed

    async def ai_call(self, origin: str | None = None) -> None:
        """Before the model is called: one call of the network's (origin: its tag) and the
        deployment's minute and day budgets is taken. The network's come first, so one
        network over its budget cannot use up the deployment's."""
        if origin is not None:
            await self._admit(f"ai:address:{origin}:minute",
                              self.limits.ai_calls_per_address_per_minute,
                              "AI answers from this network")
            await self._admit(f"ai:address:{origin}:day",
                              self.limits.ai_calls_per_address_per_day,
                              "AI answers from this network today")
        await self._admit("ai:minute", self.limits.ai_calls_per_minute, "AI answers")
        await self._admit("ai:day", self.limits.ai_calls_per_day, "AI answers today")

    async def escalation(self, origin: str | None, visitor_id: str | None = None) -> bool:
        """Whether a conversation may join the queue as usual (True), or is one too many
        this hour from its network or from its visitor (False). What a session does not
        know (no origin: started by tools or before origins were recorded; no visitor id:
        a client that sends none) is not counted."""
        counts = []
        if origin is not None:
            counts.append((f"escalations:{origin}", self.limits.escalations_per_address))
        if visitor_id is not None:
            counts.append((f"escalations:visitor:{visitor_id}",
                           self.limits.escalations_per_visitor))
        allowed = True
        for key, limit in counts:  # each counted, even when the first already refuses
            allowed = (await self._limiter.hit(key, limit)).allowed and allowed
        if not allowed and self._on_refused is not None:
            self._on_refused("escalations")
        return allowed

    async def _admit(self, key: str, limit: Limit, what: str) -> None:
        decision = await self._limiter.hit(key, limit)
        if not decision.allowed:
            if self._on_refused is not None:
                self._on_refused(key.split(":", 1)[0])
            raise RateLimited(what, decision.retry_after)
