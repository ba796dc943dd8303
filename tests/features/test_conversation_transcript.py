"""Steps of conversation_transcript.feature."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from application.transcript import transcript
from tests.features.harness import Conversation, Pasokh
from tests.features.support import LANGUAGES, history

scenarios("conversation_transcript.feature")

LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d UTC\] (?P<speaker>[^:]+): (?P<text>.*)$")


@given(parsers.parse('agent "{agent}" has written "{text}"'))
def agent_wrote(pasokh: Pasokh, conversation: Conversation, agent: str, text: str) -> None:
    pasokh.do(c.PostAgentMessage(conversation.session_key, agent, text))


@when(parsers.parse("the visitor downloads the conversation in {language}"),
      target_fixture="text")
def downloads(pasokh: Pasokh, conversation: Conversation, language: str) -> str:
    return transcript(history(pasokh, conversation), LANGUAGES[language])  # type: ignore[arg-type]


@then("the transcript reads, line by line after its heading:")
def reads(text: str, datatable: list[list[str]]) -> None:
    _, *expected = datatable
    lines = [LINE.match(line) for line in text.splitlines()[3:]]
    assert all(lines), text
    said = [(m["speaker"], m["text"]) for m in lines if m]
    assert len(said) == len(expected)
    for (speaker, words), (want_speaker, want_words) in zip(said, expected, strict=True):
        assert speaker == want_speaker and (want_words == "*" or words == want_words)


@then("the transcript says there are no messages")
def empty(text: str) -> None:
    assert text.splitlines()[-1] == "(no messages)"
