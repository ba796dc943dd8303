"""The reports' figures for one period, from folded conversations (pure; docs/reports.md)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from application.insights.conversations import Conversation, Outcome


@dataclass(frozen=True)
class Percentiles:
    p50: float | None
    p90: float | None
    count: int


@dataclass(frozen=True)
class Day:
    date: date
    conversations: int
    escalations: int


@dataclass(frozen=True)
class Stats:
    since: datetime
    until: datetime
    conversations: int
    questions: int
    automation_rate: float | None
    faq_answer_rate: float | None
    ai_answer_rate: float | None
    person_rate: float | None
    outcomes: dict[str, int]
    escalations: dict[str, int]
    wait_seconds: Percentiles
    first_response_seconds: Percentiles
    helpful_rate: float | None
    feedback_count: int
    csat_average: float | None
    csat_count: int
    by_day: list[Day]


def reason_kind(reason: str) -> str:
    """"keyword:پرداخت" -> "keyword", "low_confidence:0.41" -> "low_confidence"."""
    return reason.partition(":")[0]


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def nearest_rank(values: Sequence[float], percent: int) -> float | None:
    """The smallest value at least percent% of the values are not above (nearest rank)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(1, math.ceil(percent / 100 * len(ordered))) - 1], 1)


def percentiles(values: Sequence[float]) -> Percentiles:
    return Percentiles(nearest_rank(values, 50), nearest_rank(values, 90), len(values))


def stats_of(conversations: Sequence[Conversation], since: datetime, until: datetime) -> Stats:
    total = len(conversations)
    questions = [q for c in conversations for q in c.questions]
    outcomes = Counter(q.outcome.value for q in questions)
    escalated = [c for c in conversations if c.escalated_at is not None]
    waits = _durations((c.escalated_at, c.joined_at) for c in escalated)
    responses = _durations((c.escalated_at, c.first_agent_reply_at) for c in escalated)
    feedback = [helpful for c in conversations for helpful in c.feedback.values()]
    ratings = [c.rating for c in conversations if c.rating is not None]
    with_person = sum(1 for c in conversations if c.with_person)
    return Stats(
        since=since, until=until, conversations=total, questions=len(questions),
        automation_rate=share(total - with_person, total),
        faq_answer_rate=share(outcomes[Outcome.FAQ.value], len(questions)),
        ai_answer_rate=share(outcomes[Outcome.AI.value], len(questions)),
        person_rate=share(with_person, total),
        outcomes={outcome.value: outcomes[outcome.value] for outcome in Outcome},
        escalations=dict(Counter(reason_kind(c.reason or "") for c in escalated).most_common()),
        wait_seconds=percentiles(waits), first_response_seconds=percentiles(responses),
        helpful_rate=share(sum(feedback), len(feedback)), feedback_count=len(feedback),
        csat_average=round(sum(ratings) / len(ratings), 2) if ratings else None,
        csat_count=len(ratings), by_day=days_of(conversations, since, until))


def _durations(spans: Iterable[tuple[datetime | None, datetime | None]]) -> list[float]:
    """Seconds from start to end, for the spans that have both (an end before its start,
    an agent who joined before the escalation, does not count)."""
    return [(end - start).total_seconds() for start, end in spans
            if start is not None and end is not None and end >= start]


def days_of(conversations: Sequence[Conversation], since: datetime, until: datetime
            ) -> list[Day]:
    """Every UTC day of the period, those without conversations too."""
    started = Counter(c.started_at.date() for c in conversations)
    escalated = Counter(c.started_at.date() for c in conversations if c.escalated_at)
    last = (until - timedelta(microseconds=1)).date()
    days, day = [], since.date()
    while day <= last:
        days.append(Day(day, started[day], escalated[day]))
        day += timedelta(days=1)
    return days
