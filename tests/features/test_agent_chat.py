"""Steps of agent_chat.feature: agents join, write and close conversations."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from application.texts import say
from tests.features.harness import Conversation, Pasokh
from tests.features.support import LANGUAGES, attempt, history

scenarios("agent_chat.feature")


@when(parsers.parse('agent "{agent}" tries to join the conversation'), target_fixture="refusal")
def agent_tries_to_join(pasokh: Pasokh, conversation: Conversation,
                        agent: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.JoinSession(conversation.session_key, agent)))


@when(parsers.parse('agent "{agent}" tries to write "{text}"'), target_fixture="refusal")
def agent_tries_to_write(pasokh: Pasokh, conversation: Conversation, agent: str,
                         text: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.PostAgentMessage(conversation.session_key, agent, text)))


@when(parsers.parse('agent "{agent}" closes the conversation'))
def agent_closes(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    pasokh.do(c.CloseSession(conversation.session_key, agent))


@then(parsers.parse('agent "{agent}" is talking with the visitor'))
def talking_with(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    view = history(pasokh, conversation)
    assert (view.status, view.agent) == ("with_agent", agent)


@then(parsers.parse('the visitor is told in {language} that "{agent}" joined'))
def told_agent_joined(pasokh: Pasokh, conversation: Conversation, language: str,
                      agent: str) -> None:
    last = history(pasokh, conversation).messages[-1]
    assert (last.sender, last.text) == ("system",
                                        say("agent_joined", LANGUAGES[language], agent=agent))


@then(parsers.parse('the agents see "{agent}" in the active chats with the visitor'))
def in_active_chats(pasokh: Pasokh, conversation: Conversation, agent: str) -> None:
    chats = pasokh.run(pasokh.read_models.active_chats())
    assert [(chat.session_key, chat.agent) for chat in chats] == [
        (conversation.session_key, agent)]


@then("no agent has an active chat")
def no_active_chats(pasokh: Pasokh) -> None:
    assert pasokh.run(pasokh.read_models.active_chats()) == []
