"""Steps of faq_matching.feature that no other feature uses."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from application.texts import say
from tests.features.harness import Conversation, Pasokh
from tests.features.support import LANGUAGES, history

scenarios("faq_matching.feature")


@then(parsers.parse("the bot says in {language} that it does not know and offers a person"))
def honest_fallback(pasokh: Pasokh, conversation: Conversation, language: str) -> None:
    *_, question, reply = history(pasokh, conversation).messages
    assert question.sender == "user"
    assert (reply.seq, reply.sender, reply.source, reply.faq_id, reply.text) == (
        question.seq + 1, "bot", "ai", None, say("no_answer", LANGUAGES[language]))


@when(parsers.parse('the visitor takes up the offer with "{reply}"'))
def take_up_offer(pasokh: Pasokh, conversation: Conversation, reply: str) -> None:
    assert reply in say("no_answer", "en") + say("no_answer", "fa"), "the bot did not offer it"
    pasokh.do(c.PostVisitorMessage(conversation.session_key, reply))


@then(parsers.parse('the bot offers the FAQs "{offered}" to choose from'))
def offers(pasokh: Pasokh, conversation: Conversation, offered: str) -> None:
    *_, question, reply = history(pasokh, conversation).messages
    assert question.sender == "user"
    assert (reply.seq, reply.sender, reply.source, reply.faq_id) == (
        question.seq + 1, "bot", "faq", None)
    assert [o.faq_id for o in reply.suggestions] == [f.strip() for f in offered.split(",")]
    for offer in reply.suggestions:
        entry = pasokh.run(pasokh.read_models.faq(offer.faq_id))
        assert entry is not None and offer.question == entry.question


@when(parsers.parse('the visitor chooses the offered FAQ "{faq}"'))
def choose(pasokh: Pasokh, conversation: Conversation, faq: str) -> None:
    offer = next(o for o in history(pasokh, conversation).messages[-1].suggestions
                 if o.faq_id == faq)
    pasokh.do(c.PostVisitorMessage(conversation.session_key, offer.question, faq_id=faq))
