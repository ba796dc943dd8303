"""Through the message bus with in-memory adapters and the real adapter on the local server."""

from __future__ import annotations

import pytest

from adapters.openai import OpenAIAnswerGenerator
from application import commands as c
from application.services import ChatRules
from application.texts import say
from application.views import SessionView
from domain.faq import FAQContent
from tests.integration.openai.conftest import GeneratorFactory
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, completion, failure
from tests.unit.fakes import App, build_app

HOURS = c.AddFAQ(FAQContent("When is the clinic open?", "Every day from 9:00 to 17:00.",
                            ("open", "hours"), "visits", 5), faq_id="faq-hours")


async def converse(generator: OpenAIAnswerGenerator, text: str) -> tuple[App, SessionView]:
    app = build_app(generator, rules=ChatRules(ai_confidence_threshold=0.6),  # type: ignore[arg-type]
                    faq_threshold=0.9)  # a near miss: the FAQ grounds the AI instead
    await app.bus.handle(HOURS)
    session = await app.bus.handle(c.StartSession())
    await app.bus.handle(c.PostVisitorMessage(session.session_key, text, "c1"))
    await app.bus.idle()
    view = await app.read_models.session(session.session_key)
    assert view is not None
    return app, view


async def test_a_confident_answer_is_stored_as_the_bots_ai_message(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes, on Saturdays too, from 9:00.", 0.82))
    generator = make_generator()
    _, view = await converse(generator, "Are you open on Saturday mornings?")
    assert view.status == "bot"
    assert [(m.sender, m.source, m.text) for m in view.messages] == [
        ("user", None, "Are you open on Saturday mornings?"),
        ("bot", "ai", "Yes, on Saturdays too, from 9:00.")]
    [request] = openai_server.requests
    assert "When is the clinic open?" in request.content("system")
    assert "Every day from 9:00 to 17:00." in request.content("system")
    usage = generator.usage_for(view.session_key)
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (1, 321, 45)


@pytest.mark.parametrize(
    ("reply", "reason", "notice"),
    [
        (answer("Perhaps.", 0.42), "low_confidence:0.42", "escalated"),
        (answer("A person should check.", 0.9, needs_human=True), "ai_needs_human",
         "escalated"),
        (completion("not JSON at all"), "ai_error", "escalated_after_error"),
        (failure(500), "ai_error", "escalated_after_error"),
    ],
    ids=["low confidence", "needs a person", "malformed output", "provider failure"],
)
async def test_doubt_or_failure_puts_the_visitor_in_the_queue_with_a_polite_message(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        reply: object, reason: str, notice: str) -> None:
    openai_server.script(reply)  # type: ignore[arg-type]
    app, view = await converse(make_generator(max_retries=0), "Are you open on Saturday mornings?")
    assert (view.status, view.messages[-1].sender, view.messages[-1].text) == (
        "queued", "system", say(notice, "en"))
    assert [(e.session_key, e.reason) for e in await app.read_models.queue()] == [
        (view.session_key, reason)]
    assert all(m.source != "ai" for m in view.messages)


async def test_an_faq_the_model_names_is_answered_in_its_own_words(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    """The model is shown the FAQs with their ids; naming one gives its answer verbatim."""
    openai_server.script(answer("We open at nine, every day.", 0.9, faq_id="faq-hours",
                                cited=["faq-hours"]))
    _, view = await converse(make_generator(), "Are you open on Saturday mornings?")
    [request] = openai_server.requests
    assert 'id="faq-hours"' in request.content("system")
    assert "faq_id" in request.body["response_format"]["json_schema"]["schema"]["required"]
    bot = view.messages[-1]
    assert (bot.sender, bot.source, bot.faq_id, bot.text) == (
        "bot", "faq", "faq-hours", "Every day from 9:00 to 17:00.")


async def test_an_ai_answer_keeps_the_faqs_it_cites_and_only_those_it_was_shown(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes, on Saturdays too, from 9:00.", 0.85, faq_id=None,
                                cited=["faq-hours", "faq-invented"]))
    _, view = await converse(make_generator(), "Are you open on Saturday mornings?")
    bot = view.messages[-1]
    assert (bot.source, bot.faq_id, bot.citations) == ("ai", None, ("faq-hours",))


async def test_an_faq_id_the_model_was_not_shown_is_not_trusted(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes, from 9:00.", 0.85, faq_id="faq-invented"))
    _, view = await converse(make_generator(), "Are you open on Saturday mornings?")
    bot = view.messages[-1]
    assert (bot.source, bot.faq_id, bot.text) == ("ai", None, "Yes, from 9:00.")
