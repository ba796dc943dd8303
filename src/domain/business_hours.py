"""When the team answers: a weekly schedule read from CHAT_BUSINESS_HOURS.

`sat-wed 09:00-17:00; thu 09:00-13:00`: parts separated by `;`, each a day, a range of days
or a comma list, then one or more `HH:MM-HH:MM` spans (comma separated). Weeks start on
Saturday, so `sat-wed` is Saturday to Wednesday and `thu-sat` wraps. Times are local to
CHAT_TIMEZONE; an end of `24:00` means midnight. No schedule: always open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from domain.errors import InvalidBusinessHours

# Python's weekday numbers (Monday 0), in the order of a week that starts on Saturday
DAYS: dict[str, int] = {"sat": 5, "sun": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
_WEEK = list(DAYS)
_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
Span = tuple[int, int]  # minutes since midnight, start inclusive, end exclusive


@dataclass(frozen=True)
class BusinessHours:
    spans: dict[int, tuple[Span, ...]]  # weekday -> spans, sorted; empty: always open

    @classmethod
    def parse(cls, text: str) -> BusinessHours:
        spans: dict[int, tuple[Span, ...]] = {}
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            days_text, _, spans_text = part.partition(" ")
            day_spans = _spans(spans_text.replace(" ", ""), part)
            for day in _days(days_text.lower(), part):
                if day in spans:
                    raise InvalidBusinessHours(f"{_WEEK[_order(day)]} is named twice")
                spans[day] = day_spans
        return cls(spans)

    @property
    def always_open(self) -> bool:
        return not self.spans

    def is_open(self, local: datetime) -> bool:
        if self.always_open:
            return True
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.spans.get(local.weekday(), ()))

    def next_opening(self, local: datetime) -> datetime | None:
        """The first start of a span after `local`, in `local`'s zone; None: always open."""
        if self.always_open:
            return None
        for offset in range(8):
            day = (local + timedelta(days=offset)).date()
            for start, _ in self.spans.get(day.weekday(), ()):
                opening = datetime.combine(day, time(start // 60, start % 60),
                                           tzinfo=local.tzinfo)
                if opening > local:
                    return opening
        return None  # unreachable with any span, kept for the type checker


def _order(weekday: int) -> int:
    return _WEEK.index(next(name for name, day in DAYS.items() if day == weekday))


def _days(text: str, part: str) -> list[int]:
    names: list[str] = []
    for item in text.split(","):
        first, dash, last = item.partition("-")
        if first not in DAYS or (dash and last not in DAYS):
            raise InvalidBusinessHours(
                f"{part!r}: days are sat, sun, mon, tue, wed, thu, fri, a range like sat-wed "
                "or a list like sat,mon")
        start, end = _WEEK.index(first), _WEEK.index(last if dash else first)
        names += [_WEEK[(start + i) % 7] for i in range((end - start) % 7 + 1)]
    return [DAYS[name] for name in names]


def _spans(text: str, part: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for item in text.split(","):
        match = _SPAN.match(item)
        if match is None:
            raise InvalidBusinessHours(f"{part!r}: hours are written like 09:00-17:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 > 23 or m1 > 59 or m2 > 59 or end > 24 * 60 or start >= end:
            raise InvalidBusinessHours(f"{part!r}: {item} is not a span of one day")
        spans.append((start, end))
    spans.sort()
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)):
        raise InvalidBusinessHours(f"{part!r}: spans overlap")
    return tuple(spans)


@dataclass(frozen=True)
class Availability:
    """Whether a person can answer now and, when the hours are the reason, when they can."""

    offline: bool
    opens_at: datetime | None = None


def availability(hours: BusinessHours, local_now: datetime, agents_online: bool) -> Availability:
    if not hours.is_open(local_now):
        return Availability(True, hours.next_opening(local_now))
    return Availability(not agents_online)
