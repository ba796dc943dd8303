"""One answering decision per visitor message (domain.answering), from the evidence the
matcher gathers: the words first, and meaning only when the words do not settle it.

The evidence for a text is remembered by the matcher until the catalog changes, so the
decision made before the message is stored (to answer in the same commit) and the one the
answering policy makes after it (for anything but an FAQ answer) are one and the same."""

from __future__ import annotations

from application.services import Services
from domain.answering import Action, Decision
from domain.faq import FAQ


async def decide(text: str, svc: Services) -> Decision:
    escalation = svc.escalation.reason_for(text)
    if escalation is not None:
        return Decision(Action.PERSON, reason=escalation)
    lexical = await svc.matcher.lexical(text)
    on_words, settled = svc.answering.first_look(None, lexical)
    if settled:
        return on_words
    merged = await svc.matcher.with_meaning(text, lexical)
    if merged is None:
        return on_words
    candidates, context = merged
    return svc.answering.decide(None, candidates, context)


async def picked(faq_id: str | None, svc: Services) -> FAQ | None:
    """The active FAQ a visitor chose among the suggestions, or None (then the text is
    matched as if typed: an FAQ removed since it was offered, an unknown id)."""
    if faq_id is None:
        return None
    return await svc.matcher.faq(faq_id)
