"""Steps of insights.feature."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from adapters.memory.event_history import InMemoryEventHistory
from application import commands as c
from application.insights.gaps import Gap
from application.insights.service import Insights
from application.insights.stats import Stats
from application.insights.what_if import DRAFT_ID, WhatIf
from domain.faq import FAQ, FAQContent
from tests.features.harness import Pasokh

scenarios("insights.feature")


def insights(pasokh: Pasokh) -> Insights:
    svc = pasokh.services
    return Insights(InMemoryEventHistory(pasokh.log), svc.matcher, pasokh.clock, svc.answering,
                    svc.escalation)


def last_30_days(pasokh: Pasokh) -> Insights:
    pasokh.clock.advance(3600)  # the conversations are an hour old
    return insights(pasokh)


@given("visitors have written, each in a conversation of their own:")
def visitors_wrote(pasokh: Pasokh, datatable: list[list[str]]) -> None:
    for (text,) in datatable[1:]:
        conversation = pasokh.start_conversation()
        pasokh.do(c.PostVisitorMessage(conversation.session_key, text))


@when("the site owner opens the report of the last 30 days", target_fixture="report")
def open_report(pasokh: Pasokh) -> Stats:
    reports = last_30_days(pasokh)
    return pasokh.run(reports.stats(reports.period(None, None)))


@when("the site owner looks for the questions no FAQ answers", target_fixture="gaps")
def look_for_gaps(pasokh: Pasokh) -> list[Gap]:
    reports = last_30_days(pasokh)
    return pasokh.run(reports.gaps(reports.period(None, None)))


@when(parsers.parse('the site owner drafts the FAQ "{question}" answering "{answer}"'),
      target_fixture="found")
def draft_faq(pasokh: Pasokh, question: str, answer: str) -> WhatIf:
    reports = last_30_days(pasokh)
    draft = FAQ(DRAFT_ID, FAQContent(question, answer))
    return pasokh.run(reports.what_if(draft, reports.period(None, None)))


@then(parsers.parse("the report counts {count:d} conversations"))
def counts(report: Stats, count: int) -> None:
    assert report.conversations == count


@then(parsers.parse("{part:d} of every {whole:d} ended without a person"))
def without_person(report: Stats, part: int, whole: int) -> None:
    assert report.automation_rate == part / whole


@then(parsers.parse("{part:d} of every {whole:d} questions was answered by an FAQ"))
def by_faq(report: Stats, part: int, whole: int) -> None:
    assert report.faq_answer_rate == part / whole


@then(parsers.parse("{count:d} conversation went to a person because the visitor asked for one"))
def asked_for_person(report: Stats, count: int) -> None:
    assert report.escalations == {"visitor_request": count}


@then(parsers.parse('the first group is "{label}", asked {count:d} times'))
def first_group(gaps: list[Gap], label: str, count: int) -> None:
    assert (gaps[0].label, gaps[0].count) == (label, count)


@then("asking for a person is not among them")
def no_person_request(gaps: list[Gap]) -> None:
    assert all("human" not in text for gap in gaps for text in gap.examples)


@then(parsers.parse("it would have answered {count:d} of the {total:d} questions, {before:d} of "
                    "them unanswered before"))
def would_answer(found: WhatIf, count: int, total: int, before: int) -> None:
    assert (found.would_answer, found.questions, found.previously_unanswered) == (
        count, total, before)


@then(parsers.parse("the catalog still holds {count:d} FAQ"))
def catalog_holds(pasokh: Pasokh, count: int) -> None:
    assert len(pasokh.run(pasokh.read_models.faqs(include_inactive=True))) == count
