"""Without an OpenAI key: honest "I don't know", the closest FAQs when any fit, else a person."""

from __future__ import annotations

from adapters.fallback_responder import MIN_SUGGESTION_CONFIDENCE, LocalFallbackResponder
from application.ports import FAQSuggestion
from application.texts import say
from domain.faq import FAQ

HOURS = FAQ("f1", "When is the clinic open?", "Every day from 9.")
PRICES = FAQ("f2", "How much is a check-up?", "See the price list.")
BOOKING_FA = FAQ("f3", "چطور نوبت بگیرم؟", "از صفحهٔ نوبت‌دهی.")


async def test_close_faqs_are_offered_with_the_offer_of_a_person() -> None:
    draft = await LocalFallbackResponder().draft_reply(
        "open on sunday?", [], [FAQSuggestion(HOURS, 0.45), FAQSuggestion(PRICES, 0.3)],
        session_key="k")
    assert draft.text == (f"{say('did_you_mean', 'en')}\n• When is the clinic open?\n"
                          f"• How much is a check-up?\n\n{say('no_answer', 'en')}")
    assert (draft.confidence, draft.needs_human, draft.reason) == (None, False,
                                                                   "no_ai_configured")


async def test_without_close_faqs_it_only_offers_a_person() -> None:
    weak = FAQSuggestion(PRICES, MIN_SUGGESTION_CONFIDENCE / 2)
    draft = await LocalFallbackResponder().draft_reply("do you sell bikes?", [], [weak])
    assert draft.text == say("no_answer", "en")


async def test_it_answers_in_the_visitors_language() -> None:
    draft = await LocalFallbackResponder().draft_reply(
        "برای فردا وقت دارید؟", [], [FAQSuggestion(BOOKING_FA, 0.5)])
    assert draft.text == (f"{say('did_you_mean', 'fa')}\n• چطور نوبت بگیرم؟\n\n"
                          f"{say('no_answer', 'fa')}")
    assert "human" not in draft.text
