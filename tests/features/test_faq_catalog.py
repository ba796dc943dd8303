"""Steps of faq_catalog.feature: the site owner's changes and what visitors then get."""

from __future__ import annotations

from dataclasses import replace

from pytest_bdd import parsers, scenarios, then, when

from application import commands as c
from domain.errors import InvalidFAQ
from domain.faq import FAQContent
from tests.features.harness import Conversation, Pasokh
from tests.features.support import attempt, history

scenarios("faq_catalog.feature")


@when(parsers.parse('the site owner adds the FAQ "{faq}" asking "{question}" with the answer '
                    '"{answer}" and priority {priority:d}'))
def add_faq(pasokh: Pasokh, faq: str, question: str, answer: str, priority: int) -> None:
    pasokh.do(c.AddFAQ(FAQContent(question, answer, priority=priority), faq_id=faq))


@when(parsers.re(r'the site owner tries to add an FAQ asking "(?P<question>.*)" with the answer '
                 r'"(?P<answer>.*)"'), target_fixture="refusal")
def try_to_add_faq(pasokh: Pasokh, question: str, answer: str) -> Exception | None:
    return attempt(lambda: pasokh.do(c.AddFAQ(FAQContent(question, answer))))


@when(parsers.parse('the site owner changes the answer of "{faq}" to "{answer}"'))
def change_answer(pasokh: Pasokh, faq: str, answer: str) -> None:
    old = pasokh.run(pasokh.read_models.faq(faq))
    assert old is not None
    pasokh.do(c.UpdateFAQ(faq, replace(old.content, answer=answer)))


@when(parsers.parse('the site owner deactivates the FAQ "{faq}"'))
def deactivate(pasokh: Pasokh, faq: str) -> None:
    pasokh.do(c.DeactivateFAQ(faq))


@when(parsers.parse('the site owner removes the FAQ "{faq}"'))
def remove(pasokh: Pasokh, faq: str) -> None:
    pasokh.do(c.RemoveFAQ(faq))


@then(parsers.parse('visitors see the FAQs "{faqs}" in this order'))
def visitors_see(pasokh: Pasokh, faqs: str) -> None:
    listed = [faq.id for faq in pasokh.run(pasokh.read_models.faqs())]
    assert listed == [faq.strip() for faq in faqs.split(",")]


@then(parsers.parse('the site owner still sees "{faq}" as inactive'))
def owner_sees_inactive(pasokh: Pasokh, faq: str) -> None:
    everything = pasokh.run(pasokh.read_models.faqs(include_inactive=True))
    assert [f.active for f in everything if f.id == faq] == [False]


@then(parsers.parse('the site owner no longer sees "{faq}"'))
def owner_does_not_see(pasokh: Pasokh, faq: str) -> None:
    everything = pasokh.run(pasokh.read_models.faqs(include_inactive=True))
    assert faq not in [f.id for f in everything]
    assert pasokh.run(pasokh.read_models.faq(faq)) is None


def ask(pasokh: Pasokh, question: str) -> Conversation:
    visitor = pasokh.start_conversation()
    pasokh.do(c.PostVisitorMessage(visitor.session_key, question))
    return visitor


@then(parsers.parse('a visitor who asks "{question}" gets the answer "{answer}"'))
def gets_answer(pasokh: Pasokh, question: str, answer: str) -> None:
    reply = history(pasokh, ask(pasokh, question)).messages[-1]
    assert (reply.sender, reply.source, reply.text) == ("bot", "faq", answer)


@then(parsers.parse('a visitor who asks "{question}" gets no answer from the FAQ'))
def gets_no_faq_answer(pasokh: Pasokh, question: str) -> None:
    reply = history(pasokh, ask(pasokh, question)).messages[-1]
    assert (reply.sender, reply.source, reply.faq_id) == ("bot", "ai", None)


@then(parsers.parse('the refusal names the field "{field}"'))
def names_field(refusal: Exception | None, field: str) -> None:
    assert isinstance(refusal, InvalidFAQ)
    assert refusal.field == field
