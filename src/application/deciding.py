"""One answering decision per visitor message (domain.answering), made once, from the
evidence the matcher gathers: the words first, and meaning only when the words do not
settle it.

The visitor-message command takes the first look, on words (cheap, no model): when the
words settle the decision (an escalation phrase, an FAQ well ahead of the others), the
command acts on it in the commit that stores the message. Otherwise it hands its look to the
answering policy (`Handoff`), which adds meaning outside the transaction and acts on the
whole decision. A policy that finds no look handed over (the reconciler repeating a reaction
lost to a crash) takes it afresh."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.answering import Action, Candidate, Decision
from domain.faq import FAQ
from domain.small_talk import SmallTalk, small_talk

if TYPE_CHECKING:  # the services hold the handoff
    from application.services import Services


@dataclass(frozen=True)
class FirstLook:
    """The decision on words alone, whether it stands, and the words' evidence for the rest."""

    decision: Decision
    settled: bool
    lexical: Sequence[Candidate] = ()
    small_talk: SmallTalk | None = None  # the whole message is a greeting, thanks, ...


SMALL_TALK = Decision(Action.RESPOND, reason="small_talk")


async def first_look(text: str, svc: Services) -> FirstLook:
    escalation = svc.escalation.reason_for(text)
    if escalation is not None:
        return FirstLook(Decision(Action.PERSON, reason=escalation), True)
    kind = small_talk(text) if svc.rules.small_talk else None
    if kind is not None:  # Pasokh's own reply; no FAQ, no model (domain.small_talk)
        return FirstLook(SMALL_TALK, True, small_talk=kind)
    lexical = await svc.matcher.lexical(text)
    decision, settled = svc.answering.first_look(None, lexical)
    return FirstLook(decision, settled, lexical)


async def conclude(text: str, look: FirstLook, svc: Services) -> Decision:
    """The whole decision: the first look when it settles it, else with meaning too."""
    if look.settled:
        return look.decision
    merged = await svc.matcher.with_meaning(text, look.lexical)
    if merged is None:
        return look.decision
    candidates, context = merged
    return svc.answering.decide(None, candidates, context)


async def picked(faq_id: str | None, svc: Services) -> FAQ | None:
    """The active FAQ a visitor chose among the suggestions, or None (then the text is
    matched as if typed: an FAQ removed since it was offered, an unknown id)."""
    if faq_id is None:
        return None
    return await svc.matcher.faq(faq_id)


MessageRef = tuple[str, int]  # (session key, the message's seq)


class Handoff:
    """What the visitor-message command leaves to the answering policy, message by message,
    in this process: its first look when the words did not settle the decision, or nothing
    at all when the command did everything (answered, escalated, or the bot is not the one to
    speak). Bounded: a look whose policy never ran is forgotten, oldest first."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._left: OrderedDict[MessageRef, FirstLook | None] = OrderedDict()

    def leave(self, message: MessageRef, look: FirstLook | None) -> None:
        """look None: nothing is left for the policy to do."""
        self._left[message] = look
        self._left.move_to_end(message)
        while len(self._left) > self._size:
            self._left.popitem(last=False)

    def settled(self, message: MessageRef) -> bool:
        """Whether the command left nothing to do (the entry is then forgotten)."""
        if message in self._left and self._left[message] is None:
            del self._left[message]
            return True
        return False

    def take(self, message: MessageRef) -> FirstLook | None:
        """The look left for this message (forgotten once taken), or None: take it afresh."""
        return self._left.pop(message, None)
