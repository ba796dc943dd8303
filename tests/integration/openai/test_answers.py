"""A confident, grounded answer through the real SDK, and what the request carried."""

from __future__ import annotations

import logging

import pytest

from adapters.openai.prompt import RESPONSE_FORMAT
from application.ports import DraftReply, ResponderUnavailable
from tests.integration.openai.conftest import API_KEY, GeneratorFactory
from tests.integration.openai.fake_server import FakeOpenAIServer, answer, completion
from tests.integration.openai.samples import HISTORY, PERSIAN_QUESTION, QUESTION, SUGGESTIONS

SESSION = "Qx7vR2-session-key-of-a-visitor"


async def test_a_confident_answer_comes_back_with_its_usage(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes, we are open every day from 9:00.", 0.87,
                                prompt_tokens=410, completion_tokens=52))
    draft = await make_generator().draft_reply(QUESTION, HISTORY, SUGGESTIONS,
                                               session_key=SESSION)
    assert (draft.text, draft.confidence, draft.needs_human, draft.reason) == (
        "Yes, we are open every day from 9:00.", 0.87, False, "stated in the FAQ")
    assert (draft.prompt_tokens, draft.completion_tokens) == (410, 52)
    assert draft.latency_ms is not None and draft.latency_ms >= 0


async def test_the_request_carries_model_schema_grounding_history_and_question(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("Yes.", 0.9))
    await make_generator(max_output_tokens=333).draft_reply(QUESTION, HISTORY, SUGGESTIONS)
    [request] = openai_server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.body["model"] == "pasokh-test-model"
    assert request.body["response_format"] == RESPONSE_FORMAT
    assert request.body["response_format"]["json_schema"]["strict"] is True
    assert request.body["max_tokens"] == 333
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    system, user = request.content("system"), request.content("user")
    assert "Nik Clinic, a dental clinic in Tehran" in system
    for suggestion in SUGGESTIONS:
        assert suggestion.faq.question in system and suggestion.faq.answer in system
    assert "[visitor] Hello, I have a question about my visit." in user
    assert "[assistant] Hello! How can I help?" in user
    assert f"<visitor_message>\n{QUESTION}\n</visitor_message>" in user
    assert "Write the answer in English" in system


async def test_a_persian_question_asks_for_a_persian_answer(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("بله، شنبه‌ها از ساعت ۹ باز هستیم.", 0.8))
    draft = await make_generator().draft_reply(PERSIAN_QUESTION, [], SUGGESTIONS)
    assert draft.text == "بله، شنبه‌ها از ساعت ۹ باز هستیم."
    system = openai_server.requests[0].content("system")
    assert "Write the answer in Persian (Farsi)" in system


@pytest.mark.parametrize(("confidence", "needs_human"), [(0.31, False), (0.95, True)])
async def test_doubt_and_a_call_for_a_person_are_passed_on_for_the_application_to_judge(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        confidence: float, needs_human: bool) -> None:
    openai_server.script(answer("I am not sure.", confidence, needs_human=needs_human,
                                reason="not in the FAQs"))
    draft = await make_generator().draft_reply(QUESTION, HISTORY, SUGGESTIONS)
    assert draft == DraftReply("I am not sure.", confidence, needs_human, "not in the FAQs",
                               321, 45, draft.latency_ms)


async def test_a_long_answer_is_cut_at_a_word_boundary(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(answer("word " * 100, 0.9))
    draft = await make_generator(max_answer_chars=42).draft_reply(QUESTION, [], SUGGESTIONS)
    assert len(draft.text) <= 42 and draft.text.endswith("word…")
    assert "42 characters" in openai_server.requests[0].content("system")


async def test_usage_is_counted_per_session_and_logged_without_secrets(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory,
        caplog: pytest.LogCaptureFixture) -> None:
    openai_server.script(answer("One.", 0.9, prompt_tokens=100, completion_tokens=10),
                         answer("Two.", 0.9, prompt_tokens=200, completion_tokens=20),
                         answer("Other.", 0.9, prompt_tokens=7, completion_tokens=3),
                         completion("not json", prompt_tokens=50, completion_tokens=5))
    generator = make_generator()
    caplog.set_level(logging.INFO, logger="adapters.openai")
    for question in ("first?", "second?"):
        await generator.draft_reply(question, [], [], session_key=SESSION)
    await generator.draft_reply("elsewhere?", [], [], session_key="another-session")
    with pytest.raises(ResponderUnavailable, match="MalformedReply"):
        await generator.draft_reply("third?", [], [], session_key=SESSION)
    usage = generator.usage_for(SESSION)
    assert (usage.calls, usage.failures, usage.prompt_tokens, usage.completion_tokens) == (
        3, 1, 350, 35)
    assert generator.usage_for("never-seen").calls == 0
    lines = [r.getMessage() for r in caplog.records if r.name == "adapters.openai"]
    assert any("session=Qx7vR2 " in line and "prompt_tokens=200" in line
               and "completion_tokens=20" in line and "latency_ms=" in line for line in lines)
    assert not any(SESSION in line or API_KEY in line for line in lines)
