"""Without an OpenAI key: an honest "I don't know" that offers a person, in the visitor's
language. (FAQs that may answer are offered as suggestions by the answering decision.)"""

from __future__ import annotations

from adapters.fallback_responder import LocalFallbackResponder
from application.ports import FAQSuggestion
from application.texts import say
from domain.faq import FAQ, FAQContent

PRICES = FAQ("f2", FAQContent("How much is a check-up?", "See the price list."))


async def test_it_says_it_does_not_know_and_offers_a_person() -> None:
    draft = await LocalFallbackResponder().draft_reply(
        "do you sell bikes?", [], [FAQSuggestion(PRICES, 0.1)], session_key="k")
    assert draft.text == say("no_answer", "en")
    assert "human" in draft.text
    assert (draft.confidence, draft.needs_human, draft.reason) == (None, False,
                                                                   "no_ai_configured")


async def test_it_answers_in_the_visitors_language() -> None:
    draft = await LocalFallbackResponder().draft_reply("برای فردا وقت دارید؟", [], [])
    assert draft.text == say("no_answer", "fa")
    assert "human" not in draft.text
