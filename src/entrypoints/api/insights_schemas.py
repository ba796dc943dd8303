"""The Insights shapes of the contract (CONTRACT.md, "Insights"), with a few more fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, StrictStr

from application.insights.gaps import Gap
from application.insights.stats import Percentiles, Stats
from application.insights.what_if import WhatIf
from entrypoints.schemas import UtcTime


class PercentilesOut(BaseModel):
    p50: float | None
    p90: float | None
    count: int


class CsatOut(BaseModel):
    average: float | None
    count: int


class DayOut(BaseModel):
    date: date
    conversations: int
    escalations: int


class StatsOut(BaseModel):
    since: datetime
    until: datetime
    conversations: int
    automation_rate: float | None
    faq_answer_rate: float | None
    ai_answer_rate: float | None
    person_rate: float | None
    questions: int
    outcomes: dict[str, int]
    escalations: dict[str, int]
    wait_seconds: PercentilesOut
    first_response_seconds: PercentilesOut
    helpful_rate: float | None
    feedback_count: int
    csat: CsatOut
    by_day: list[DayOut]

    @classmethod
    def of(cls, stats: Stats) -> StatsOut:
        return cls(
            since=stats.since, until=stats.until, conversations=stats.conversations,
            automation_rate=stats.automation_rate, faq_answer_rate=stats.faq_answer_rate,
            ai_answer_rate=stats.ai_answer_rate, person_rate=stats.person_rate,
            questions=stats.questions, outcomes=stats.outcomes, escalations=stats.escalations,
            wait_seconds=_percentiles(stats.wait_seconds),
            first_response_seconds=_percentiles(stats.first_response_seconds),
            helpful_rate=stats.helpful_rate, feedback_count=stats.feedback_count,
            csat=CsatOut(average=stats.csat_average, count=stats.csat_count),
            by_day=[DayOut(date=d.date, conversations=d.conversations,
                           escalations=d.escalations) for d in stats.by_day])


def _percentiles(value: Percentiles) -> PercentilesOut:
    return PercentilesOut(p50=value.p50, p90=value.p90, count=value.count)


class GapOut(BaseModel):
    label: str
    count: int
    examples: list[str]
    escalated: int
    keywords: list[str]

    @classmethod
    def of(cls, gap: Gap) -> GapOut:
        return cls(label=gap.label, count=gap.count, examples=gap.examples,
                   escalated=gap.escalated, keywords=gap.keywords)


class WhatIfIn(BaseModel):
    """A draft FAQ; faq_id names the FAQ it would replace (an edit), none for a new one."""

    question: StrictStr
    answer: StrictStr
    keywords: list[StrictStr] = Field(default_factory=list)
    faq_id: StrictStr | None = None
    since: UtcTime | None = None
    until: UtcTime | None = None


class WhatIfOut(BaseModel):
    questions: int
    would_answer: int
    previously_unanswered: int
    previously_other_faq: int
    examples: list[str]

    @classmethod
    def of(cls, found: WhatIf) -> dict[str, Any]:
        return cls(questions=found.questions, would_answer=found.would_answer,
                   previously_unanswered=found.previously_unanswered,
                   previously_other_faq=found.previously_other_faq,
                   examples=found.examples).model_dump()
