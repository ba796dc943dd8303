"""The matcher's index follows the catalog: changed FAQs are put again, removed ones taken
out, unchanged ones left alone, and a large catch-up lets other work run meanwhile."""

from __future__ import annotations

import asyncio

from adapters import faq_matcher
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.read_models import InMemoryReadModels
from domain.answering import Action, AnswerPolicy
from domain.faq import FAQ, FAQContent
from domain.faq_matching import FAQIndex

HOURS = FAQ("hours", FAQContent("What are your opening hours?", "9 to 5.", ("hours", "open"),
                                "general"))
PARKING = FAQ("parking", FAQContent("Is there parking at the clinic?", "Street parking only.",
                                    ("parking",), "general"))


async def best(matcher: IndexedFAQMatcher, text: str) -> FAQ | None:
    """The FAQ the answering decision answers with, on the matcher's evidence."""
    decision = AnswerPolicy().decide(None, await matcher.lexical(text), None)
    if decision.action is not Action.ANSWER or decision.faq_id is None:
        return None
    return await matcher.faq(decision.faq_id)


class Catalog(InMemoryReadModels):
    def __init__(self, faqs: list[FAQ]) -> None:
        super().__init__()
        self.listed, self.version = faqs, 1

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]:
        return list(self.listed)

    async def catalog_version(self) -> int:
        return self.version


class CountingIndex(FAQIndex):
    puts = 0

    def put(self, faq):  # type: ignore[no-untyped-def]
        CountingIndex.puts += 1
        super().put(faq)


async def test_only_what_changed_is_put_into_the_index(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(faq_matcher, "FAQIndex", CountingIndex)
    filler = [FAQ(f"f{n}", FAQContent(f"Question number {n} about topic {n}", "answer"))
              for n in range(150)]
    catalog = Catalog([HOURS, PARKING, *filler])
    matcher = IndexedFAQMatcher(catalog)
    match = await best(matcher, "when are you open?")
    assert match is not None and match.answer == "9 to 5."
    assert CountingIndex.puts == 152

    catalog.listed = [HOURS.edited(answer="8 to 6."), *filler]  # one changed, one removed
    catalog.version = 2
    match = await best(matcher, "when are you open?")
    assert match is not None and match.answer == "8 to 6."
    assert await best(matcher, "Is there parking at the clinic?") is None
    assert await matcher.faq("parking") is None
    assert CountingIndex.puts == 153


async def test_a_large_catch_up_lets_other_work_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(faq_matcher, "PUTS_PER_TURN", 10)
    catalog = Catalog([FAQ(f"f{n}", FAQContent(f"Question {n}", "a"))
                       for n in range(100)])
    turns = 0

    async def other_conversation() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(other_conversation())
    await asyncio.sleep(0)
    before = turns
    await IndexedFAQMatcher(catalog).lexical("Question 7")
    other.cancel()
    assert turns - before >= 9  # a turn every ten FAQs


class CountingBest(FAQIndex):
    asked: list[str] = []

    def explain(self, text, limit=5):  # type: ignore[no-untyped-def]
        CountingBest.asked.append(text)
        return super().explain(text, limit)


async def test_a_text_asked_again_is_answered_from_memory_until_the_catalog_changes(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(faq_matcher, "FAQIndex", CountingBest)
    monkeypatch.setattr(CountingBest, "asked", [])
    monkeypatch.setattr(faq_matcher, "REMEMBERED_TEXTS", 2)
    catalog = Catalog([HOURS, PARKING])
    matcher = IndexedFAQMatcher(catalog)
    for _ in range(3):
        match = await best(matcher, "when are you open?")
        assert match is not None and match.id == "hours"
        assert await best(matcher, "do you sell shoes?") is None  # no match is kept too
    assert CountingBest.asked == ["when are you open?", "do you sell shoes?"]

    await matcher.lexical("parking?")  # a third text: the least recently asked goes
    await matcher.lexical("when are you open?")
    assert CountingBest.asked[2:] == ["parking?", "when are you open?"]

    long_text = "when are you open? " * 20  # longer than LONGEST_REMEMBERED
    await matcher.lexical(long_text)
    await matcher.lexical(long_text)
    assert CountingBest.asked[4:] == [long_text, long_text]

    catalog.listed, catalog.version = [PARKING], 2
    assert await best(matcher, "when are you open?") is None
