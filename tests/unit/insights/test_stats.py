"""The reports' figures for the generated month (tests/insights_month.py), worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from application.insights.service import Insights, Period
from application.insights.stats import Percentiles, nearest_rank
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy
from tests.insights_month import SINCE, UNTIL, recorded_month
from tests.unit.conftest import FixedClock
from tests.unit.insights.fakes import FixedCatalog, ListedHistory

MONTH = Period(SINCE, UNTIL)


def insights(history: ListedHistory) -> Insights:
    return Insights(history, FixedCatalog([]), FixedClock(UNTIL), AnswerPolicy(),  # type: ignore[arg-type]
                    EscalationPolicy.with_keywords(["payment"]))


@pytest.fixture
def history() -> ListedHistory:
    return ListedHistory(recorded_month())


async def test_the_month_in_figures(history: ListedHistory) -> None:
    stats = await insights(history).stats(MONTH)

    # 60 password + 30 shipping + 30 refund + 30 fallback + 15 keyword + 10 unsure
    # + 6 asked for a person + 1 AI error; silent visitors and the days around do not count
    assert stats.conversations == 182
    assert stats.automation_rate == 0.8242  # 150 without a person / 182
    assert stats.person_rate == 0.1758
    # questions put to the bot: 60 + 30 + 2 * 30 + 30 + 15 + 10 + 6 + 1
    assert stats.questions == 212
    assert stats.faq_answer_rate == 0.4245  # 60 password + 30 chosen refund = 90 / 212
    assert stats.ai_answer_rate == 0.1415  # 30 / 212
    assert stats.outcomes == {"faq": 90, "suggested": 30, "ai": 30, "fallback": 30,
                              "escalated": 32, "pending": 0}
    assert stats.escalations == {"keyword": 15, "low_confidence": 10, "visitor_request": 6,
                                 "ai_error": 1}
    # waits: 15 x 60 s, 10 x 120 s, 6 x 300 s (the AI error was never joined)
    assert stats.wait_seconds == Percentiles(p50=120.0, p90=300.0, count=31)
    # escalation to the agent's first words: 25 x 150 s, 6 x 310 s
    assert stats.first_response_seconds == Percentiles(p50=150.0, p90=310.0, count=31)
    assert (stats.helpful_rate, stats.feedback_count) == (0.6667, 90)  # 60 yes of 90
    assert (stats.csat_average, stats.csat_count) == (4.2, 25)  # 15 x 5 and 10 x 3


async def test_every_day_of_the_period_has_its_figures(history: ListedHistory) -> None:
    days = (await insights(history).stats(MONTH)).by_day

    assert [d.date for d in days] == [date(2026, 3, 1) + timedelta(days=n) for n in range(30)]
    assert (days[0].conversations, days[0].escalations) == (8, 3)  # every kind of escalation
    assert (days[1].conversations, days[1].escalations) == (5, 0)
    assert (days[7].conversations, days[7].escalations) == (6, 1)  # the AI error
    assert sum(d.conversations for d in days) == 182
    assert sum(d.escalations for d in days) == 32


async def test_a_shorter_period_counts_only_its_conversations(history: ListedHistory) -> None:
    first_week = Period(SINCE, SINCE + timedelta(days=7))
    stats = await insights(history).stats(first_week)

    # days 0..6: 7 x 5, keyword on 0 2 4 6, unsure on 0 3 6, a person on 0 and 5
    assert stats.conversations == 35 + 4 + 3 + 2
    assert stats.escalations == {"keyword": 4, "low_confidence": 3, "visitor_request": 2}
    assert len(stats.by_day) == 7


async def test_only_events_appended_since_the_last_request_are_read(
        history: ListedHistory) -> None:
    everything = list(history.records)
    history.records = everything[:-20]
    reports = insights(history)
    await reports.stats(MONTH)
    history.asked_after.clear()

    history.records = everything
    stats = await reports.stats(MONTH)

    assert history.asked_after == [len(everything) - 20, len(everything)]
    assert stats.conversations == 182


async def test_an_empty_period_has_no_rates() -> None:
    stats = await insights(ListedHistory([])).stats(MONTH)

    assert stats.conversations == 0
    assert stats.automation_rate is None and stats.helpful_rate is None
    assert stats.wait_seconds == Percentiles(None, None, 0)
    assert stats.csat_average is None and stats.csat_count == 0


def test_percentiles_are_by_nearest_rank() -> None:
    assert nearest_rank([5, 1, 4, 2, 3], 50) == 3
    assert nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert nearest_rank([7], 90) == 7
    assert nearest_rank([], 50) is None
