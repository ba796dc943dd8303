"""Steps of visitor_context.feature: the visitor's context, their earlier conversations and
the handoff summary, as the desk reads them."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_bdd import given, parsers, scenarios, then

from adapters.user_agents import UaParserDeviceNames
from application import commands as c
from application import queries
from application.ports import SummaryUnavailable, Turn
from application.queries import SessionDetail
from domain.faq import FAQContent
from domain.visitor_context import VisitorContext
from tests.features.harness import Conversation, Pasokh

scenarios("visitor_context.feature")

VISITOR = "returning-visitor-7"
PAGES = {"the prices page": "https://clinic.example/prices"}
REFERRERS = {"a search engine": "https://www.google.com/"}
BROWSERS = {"Chrome for Android": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
                                  "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"}
LOCALES = {"Persian": "fa-IR", "English": "en-US"}
A_WEEK = 7 * 24 * 3600


class OneLineSummarizer:
    def __init__(self, line: str | None) -> None:
        self.line = line

    async def summarize(self, reason: str | None, conversation: Sequence[Turn], *,
                        session_key: str | None = None) -> str:
        if self.line is None:
            raise SummaryUnavailable("the model is out of order")
        return self.line


@given(parsers.parse('the model summarises handoffs as "{line}"'))
def model_summarises(pasokh: Pasokh, line: str) -> None:
    pasokh.summarize_with(OneLineSummarizer(line))


@given("the model that summarises handoffs is out of order")
def model_out_of_order(pasokh: Pasokh) -> None:
    pasokh.summarize_with(OneLineSummarizer(None))


@given(parsers.parse('a visitor asked the bot "{question}" last week'),
       target_fixture="earlier")
def asked_last_week(pasokh: Pasokh, question: str) -> str:
    pasokh.do(c.AddFAQ(FAQContent(question, "Every day from 9:00 to 17:00.", ("open",))))
    session = pasokh.do(c.StartSession(visitor_id=VISITOR))
    pasokh.do(c.PostVisitorMessage(session.session_key, question))
    pasokh.clock.advance(A_WEEK)
    key: str = session.session_key
    return key


@given(parsers.parse("the same visitor comes back from {referrer} to {page}, in {language}, "
                     "on {browser}"), target_fixture="conversation")
def comes_back(pasokh: Pasokh, referrer: str, page: str, language: str,
               browser: str) -> Conversation:
    context = VisitorContext(PAGES[page], REFERRERS[referrer], LOCALES[language],
                             BROWSERS[browser])
    session = pasokh.do(c.StartSession(visitor_id=VISITOR, context=context))
    return Conversation(session.session_key, pasokh.open_screen(session.session_key))


def opened(pasokh: Pasokh, conversation: Conversation) -> SessionDetail:
    return pasokh.run(queries.session_detail(pasokh.read_models, conversation.session_key))


@then(parsers.parse("the agent opening the conversation sees that the visitor is on {page} and "
                    "came from {referrer}"))
def sees_page(pasokh: Pasokh, conversation: Conversation, page: str, referrer: str) -> None:
    context = opened(pasokh, conversation).view.context
    assert context is not None
    assert (context.page_url, context.referrer) == (PAGES[page], REFERRERS[referrer])


@then(parsers.parse('the agent sees the language "{locale}" and the browser "{browser}"'))
def sees_browser(pasokh: Pasokh, conversation: Conversation, locale: str, browser: str) -> None:
    context = opened(pasokh, conversation).view.context
    assert context is not None and context.locale == locale
    assert UaParserDeviceNames().describe(context.user_agent) == browser


@then(parsers.parse('the agent sees one earlier conversation, in which the visitor asked '
                    '"{question}"'))
def sees_earlier(pasokh: Pasokh, conversation: Conversation, earlier: str,
                 question: str) -> None:
    [past] = opened(pasokh, conversation).previous
    assert past.session_key == earlier
    view = pasokh.run(queries.history(pasokh.read_models, past.session_key))
    assert [m.text for m in view.messages if m.sender == "user"] == [question]


@then("the agent sees no earlier conversation")
def no_earlier(pasokh: Pasokh, conversation: Conversation) -> None:
    assert opened(pasokh, conversation).previous == []


@then(parsers.parse('the queue shows what the visitor wants: "{summary}"'))
def queue_summary(pasokh: Pasokh, conversation: Conversation, summary: str) -> None:
    pasokh.run(pasokh.settle())
    [entry] = pasokh.run(pasokh.read_models.queue())
    assert (entry.session_key, entry.summary) == (conversation.session_key, summary)
