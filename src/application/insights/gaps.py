"""The questions no FAQ answered, grouped by meaning (pure; docs/reports.md).

Grouping uses the matcher's own retrieval: each group's first question is indexed as if it
were an FAQ (domain.faq_matching), and a later question joins the group whose question the
index finds it asks at least SIMILAR_AT; with an embedder, a cosine of at least the
meaning threshold joins too (application.insights.meaning). Questions are taken most
asked first, so a group is led, and labelled, by its most asked wording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from application.insights.conversations import UNANSWERED_BY_FAQ, Conversation, Outcome
from application.insights.stats import reason_kind
from application.ports import SameAs
from domain.escalation import VISITOR_REQUEST
from domain.faq import MAX_QUESTION, FAQContent
from domain.faq_matching import FAQIndex
from domain.matching.lexicon import content_words
from domain.text import normalize, tokens

SIMILAR_AT = 0.5  # the index's confidence that two questions ask the same
MOST_TEXTS = 5000  # distinct wordings grouped per request, the most asked first
EXAMPLES = 5
KEYWORDS = 5


@dataclass(frozen=True)
class Asked:
    """One wording, how often it was asked without an FAQ answer, and how often escalated."""

    text: str
    count: int
    escalated: int


@dataclass
class Gap:
    label: str
    asked: list[Asked] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(a.count for a in self.asked)

    @property
    def escalated(self) -> int:
        return sum(a.escalated for a in self.asked)

    @property
    def examples(self) -> list[str]:
        return [a.text for a in self.asked[:EXAMPLES]]

    @property
    def keywords(self) -> list[str]:
        """The content words most of its questions share: a draft FAQ's keywords."""
        counted = Counter(word for a in self.asked
                          for word in dict.fromkeys(content_words(tokens(a.text)))
                          for _ in range(a.count))
        return [word for word, _ in counted.most_common(KEYWORDS)]


def unanswered(conversations: Iterable[Conversation]) -> list[Asked]:
    """Distinct wordings of questions no FAQ answered, most asked first. A question that
    only asked for a person (escalated for `visitor_request`) is not a gap in the FAQ."""
    counts: Counter[str] = Counter()
    escalated: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for conversation in conversations:
        asked_for_person = reason_kind(conversation.reason or "") == VISITOR_REQUEST
        for question in conversation.questions:
            if question.outcome not in UNANSWERED_BY_FAQ:
                continue
            is_escalated = question.outcome is Outcome.ESCALATED
            if is_escalated and asked_for_person:
                continue
            key = normalize(question.text)
            if not key:
                continue
            shown.setdefault(key, question.text.strip())
            counts[key] += 1
            escalated[key] += is_escalated
    return [Asked(shown[key], n, escalated[key]) for key, n in counts.most_common()]


def group(asked: Sequence[Asked], by_meaning: SameAs | None = None,
          similar_at: float = SIMILAR_AT) -> list[Gap]:
    """Groups, largest first (ties: the most asked wording first)."""
    asked = list(asked[:MOST_TEXTS])
    index = FAQIndex()
    gaps: list[Gap] = []
    leaders: list[int] = []
    for i, wording in enumerate(asked):
        found = index.best(wording.text, similar_at)
        at = int(found.faq.id) if found is not None else None
        if at is None and by_meaning is not None:
            at = by_meaning(i, leaders)
        if at is None:
            at = len(gaps)
            gaps.append(Gap(wording.text))
            leaders.append(i)
            # the group's first wording stands for it as an FAQ's question (and answer, which
            # adds no word the question lacks), cut to the length a question may have
            text = wording.text[:MAX_QUESTION]
            index.put(FAQContent(text, text).with_id(str(at)))
        gaps[at].asked.append(wording)
    return sorted(gaps, key=lambda gap: -gap.count)
