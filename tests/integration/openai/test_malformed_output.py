"""Output off the schema is a failure: the visitor goes to a person, never sees a guess."""

from __future__ import annotations

import json

import pytest

from application.ports import ResponderUnavailable
from tests.integration.openai.conftest import GeneratorFactory
from tests.integration.openai.fake_server import FakeOpenAIServer, Reply, completion
from tests.integration.openai.samples import QUESTION, SUGGESTIONS

VALID = {"answer": "We open at 9.", "confidence": 0.8, "needs_human": False, "reason": "FAQ"}


def fields(**changes: object) -> str:
    return json.dumps({k: v for k, v in {**VALID, **changes}.items() if v is not ...})


MALFORMED = {
    "not JSON": completion("Sure! We open at 9."),
    "a JSON list": completion(json.dumps([VALID])),
    "missing confidence": completion(fields(confidence=...)),
    "missing needs_human": completion(fields(needs_human=...)),
    "confidence above 1": completion(fields(confidence=1.5)),
    "confidence below 0": completion(fields(confidence=-0.1)),
    "confidence as text": completion(fields(confidence="high")),
    "confidence as a boolean": completion(fields(confidence=True)),
    "needs_human as text": completion(fields(needs_human="no")),
    "answer as a number": completion(fields(answer=42)),
    "an empty answer without a person": completion(fields(answer="  ")),
    "no content": completion(None),
    "a refusal": completion(None, refusal="I can't help with that."),
    "cut off at the token limit": completion('{"answer": "We open', finish_reason="length"),
    "no choices": Reply(body={"id": "x", "object": "chat.completion", "choices": []}),
}


@pytest.mark.parametrize("reply", MALFORMED.values(), ids=MALFORMED.keys())
async def test_malformed_output_is_a_failure(openai_server: FakeOpenAIServer,
                                             make_generator: GeneratorFactory,
                                             reply: Reply) -> None:
    openai_server.script(reply)
    generator = make_generator()
    with pytest.raises(ResponderUnavailable, match="MalformedReply"):
        await generator.draft_reply(QUESTION, [], SUGGESTIONS, session_key="session-m")
    assert len(openai_server.requests) == 1  # not retried: the same prompt would fail alike
    assert generator.usage_for("session-m").failures == 1


async def test_an_empty_answer_that_asks_for_a_person_is_accepted(
        openai_server: FakeOpenAIServer, make_generator: GeneratorFactory) -> None:
    openai_server.script(completion(fields(answer="", needs_human=True, confidence=0.1)))
    draft = await make_generator().draft_reply(QUESTION, [], SUGGESTIONS)
    assert (draft.text, draft.needs_human, draft.confidence) == ("", True, 0.1)
