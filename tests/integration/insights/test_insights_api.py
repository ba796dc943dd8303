"""The Insights endpoints over HTTP, on every store, after the generated month is recorded."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from application.insights.service import Insights
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy
from entrypoints.api.insights_schemas import StatsOut
from entrypoints.container import Container
from entrypoints.lifecycle import rebuild_projections
from tests.insights_month import SINCE, UNTIL, month_sessions
from tests.integration.api.support import API, bearer, in_app

PERIOD = {"since": SINCE.isoformat(), "until": UNTIL.isoformat()}


async def record_month(container: Container) -> None:
    for session in month_sessions():
        async with container.uow_factory()() as uow:
            uow.add(session)
            await uow.commit()


@pytest.fixture
def recorded(client: TestClient, container: Container) -> None:
    in_app(client, record_month, container)


def test_stats_are_computed_from_the_recorded_events(
        client: TestClient, admin_token: str, recorded: None) -> None:
    response = client.get(f"{API}/admin/stats/", params=PERIOD, headers=bearer(admin_token))

    assert response.status_code == 200, response.text
    stats = response.json()
    assert stats["conversations"] == 182
    assert stats["automation_rate"] == 0.8242
    assert (stats["faq_answer_rate"], stats["ai_answer_rate"]) == (0.4245, 0.1415)
    assert stats["escalations"] == {"keyword": 15, "low_confidence": 10, "visitor_request": 6,
                                    "ai_error": 1}
    assert stats["wait_seconds"] == {"p50": 120.0, "p90": 300.0, "count": 31}
    assert stats["first_response_seconds"] == {"p50": 150.0, "p90": 310.0, "count": 31}
    assert stats["helpful_rate"] == 0.6667
    assert stats["csat"] == {"average": 4.2, "count": 25}
    assert stats["by_day"][0] == {"date": "2026-03-01", "conversations": 8, "escalations": 3}
    assert len(stats["by_day"]) == 30


def test_insights_need_a_signed_in_agent(client: TestClient) -> None:
    for path in ("stats/", "gaps/", "stats/csv/", "gaps/csv/"):
        assert client.get(f"{API}/admin/{path}").status_code == 401
    draft = {"question": "Do you ship to Canada?", "answer": "Yes."}
    assert client.post(f"{API}/admin/faqs/what-if/", json=draft).status_code == 401


def test_gaps_are_the_questions_no_faq_answered_largest_first(
        client: TestClient, admin_token: str, recorded: None) -> None:
    response = client.get(f"{API}/admin/gaps", params=PERIOD, headers=bearer(admin_token))

    assert response.status_code == 200, response.text
    gaps = {gap["label"]: gap for gap in response.json()}
    assert [gap["count"] for gap in response.json()] == sorted(
        (gap["count"] for gap in response.json()), reverse=True)
    assert gaps["My payment failed"]["count"] == 15
    assert gaps["My payment failed"]["escalated"] == 15
    assert "I want to talk to a human" not in gaps  # asked for a person, not an answer
    assert "How do I reset my password?" not in gaps  # an FAQ answered it


def test_what_if_counts_the_questions_a_draft_would_answer(
        client: TestClient, admin_token: str, recorded: None) -> None:
    draft = {"question": "Can I pay with bitcoin?", "keywords": ["bitcoin"],
             "answer": "Not yet; cards and bank transfers only.", **PERIOD}

    response = client.post(f"{API}/admin/faqs/what-if/", json=draft,
                           headers=bearer(admin_token))

    assert response.status_code == 200, response.text
    assert response.json() == {"questions": 212, "would_answer": 30,
                               "previously_unanswered": 30, "previously_other_faq": 0,
                               "examples": ["Can I pay with bitcoin?"]}


def test_what_if_refuses_an_invalid_draft(client: TestClient, admin_token: str) -> None:
    response = client.post(f"{API}/admin/faqs/what-if/", json={"question": " ", "answer": "x"},
                           headers=bearer(admin_token))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_exports_are_utf8_csv_with_a_byte_order_mark(
        client: TestClient, admin_token: str, recorded: None) -> None:
    report = client.get(f"{API}/admin/stats/csv/", params=PERIOD, headers=bearer(admin_token))
    gaps = client.get(f"{API}/admin/gaps/csv/", params=PERIOD, headers=bearer(admin_token))

    for response in (report, gaps):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert ["conversations", "182"] in rows
    assert ["2026-03-01", "8", "3"] in rows
    gap_rows = list(csv.reader(io.StringIO(gaps.content.decode("utf-8-sig"))))
    assert gap_rows[0] == ["label", "count", "escalated", "keywords", "examples"]
    assert any(row[:3] == ["My payment failed", "15", "15"] for row in gap_rows)


@pytest.mark.parametrize("period", [
    {"since": "2026-03-10T00:00:00Z", "until": "2026-03-01T00:00:00Z"},
    {"since": "2020-01-01T00:00:00Z", "until": "2026-03-01T00:00:00Z"},
], ids=["backwards", "years"])
def test_a_period_backwards_or_of_years_is_refused(
        client: TestClient, admin_token: str, period: dict[str, str]) -> None:
    response = client.get(f"{API}/admin/stats/", params=period, headers=bearer(admin_token))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


SQL_STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("settings", SQL_STORES, indirect=True)  # projections to rebuild
def test_the_figures_stay_the_same_after_the_projections_are_rebuilt(
        client: TestClient, container: Container, admin_token: str, recorded: None) -> None:
    before = client.get(f"{API}/admin/stats/", params=PERIOD, headers=bearer(admin_token))

    in_app(client, rebuild_projections, container)
    fresh = Insights(container.event_history(), container.matcher(), container.clock(),
                     AnswerPolicy(), EscalationPolicy())  # as a restarted instance would
    after = in_app(client, fresh.stats, fresh.period(SINCE, UNTIL))

    assert client.get(f"{API}/admin/stats/", params=PERIOD,
                      headers=bearer(admin_token)).json() == before.json()
    assert StatsOut.of(after).model_dump(mode="json") == before.json()
