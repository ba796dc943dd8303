"""What a draft FAQ would have answered: the period's questions replayed against the catalog
as it would be (pure and synchronous: it runs in a worker thread; docs/reports.md).

The decision is the service's on words (domain.answering's first look over the matcher's
index, after the escalation policy); meaning is left out, because embedding a month of
questions takes longer than the minute a what-if may take on a CPU.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from application.insights.conversations import ANSWERED_BY_FAQ, Question
from domain.answering import Action, AnswerPolicy, Candidate
from domain.escalation import EscalationPolicy
from domain.faq import FAQ
from domain.faq_matching import FAQIndex

DRAFT_ID = "what-if-draft"
CANDIDATES = 5  # as many as the matcher's lexical pool
EXAMPLES = 5


@dataclass(frozen=True)
class WhatIf:
    questions: int
    would_answer: int
    previously_unanswered: int
    previously_other_faq: int
    examples: list[str]


def replay(draft: FAQ, catalog: Sequence[FAQ], questions: Sequence[Question],
           answering: AnswerPolicy, escalation: EscalationPolicy) -> WhatIf:
    """`draft` replaces the catalog's FAQ of the same id (an edit) or joins it (a new one)."""
    index = FAQIndex()
    for faq in catalog:
        if faq.id != draft.id:
            index.put(faq)
    index.put(draft)
    alone = FAQIndex()
    alone.put(draft)
    answered: Counter[str] = Counter()
    decided: dict[str, bool] = {}
    won: list[Question] = []
    for question in questions:
        text = question.text
        if text not in decided:
            # a text the draft alone does not match cannot be answered by it in the catalog
            decided[text] = bool(alone.rank(text, 1)) and _answers(
                index, text, draft.id, answering, escalation)
        if decided[text]:
            won.append(question)
            answered[text] += 1
    before_unanswered = sum(1 for q in won if q.outcome not in ANSWERED_BY_FAQ)
    before_other = sum(1 for q in won if q.outcome in ANSWERED_BY_FAQ and q.faq_id != draft.id)
    return WhatIf(len(questions), len(won), before_unanswered, before_other,
                  [text for text, _ in answered.most_common(EXAMPLES)])


def _answers(index: FAQIndex, text: str, faq_id: str, answering: AnswerPolicy,
             escalation: EscalationPolicy) -> bool:
    if escalation.reason_for(text) is not None:
        return False
    explained = index.explain(text, CANDIDATES)
    unknown = explained[0][1].unknown if explained else 1.0
    candidates = [Candidate(match.faq.id, match.confidence, None, evidence.query_coverage,
                            unknown, evidence.keyword) for match, evidence in explained]
    decision, _ = answering.first_look(None, candidates)
    return decision.action is Action.ANSWER and decision.faq_id == faq_id
