from __future__ import annotations

import pytest

from domain.errors import DuplicateFAQ, FAQNotFound, InvalidFAQ
from domain.faq import FAQ, FAQContent
from domain.faq.catalog import FAQAdded, FAQCatalog, FAQDeactivated, FAQRemoved, FAQUpdated
from tests.unit.conftest import AT

HOURS = FAQContent("When are you open?", "8 to 20, Saturday to Thursday.", ("hours", "open"),
                   "general", 5)
ADDED = FAQAdded(faq_id="f1", content=HOURS, at=AT)


def given(*events: object) -> FAQCatalog:
    return FAQCatalog.rehydrate("faq-catalog", events)  # type: ignore[arg-type]


def test_adding_an_faq() -> None:
    catalog = FAQCatalog()
    faq = catalog.add("f1", HOURS, AT)
    assert catalog.pending_events == (ADDED,)
    assert faq == FAQ("f1", FAQContent(HOURS.question, HOURS.answer, ("hours", "open"), "general",
                                       5, True))


def test_the_same_id_cannot_be_added_twice() -> None:
    with pytest.raises(DuplicateFAQ):
        given(ADDED).add("f1", HOURS, AT)


def test_updating_replaces_every_field_and_an_unchanged_update_records_nothing() -> None:
    catalog = given(ADDED)
    catalog.update("f1", HOURS, AT)
    assert catalog.pending_events == ()
    changed = FAQContent("Opening hours?", "8 to 22.", ("hours",), "general", 9, True)
    catalog.update("f1", changed, AT)
    assert catalog.pending_events == (
        FAQUpdated(faq_id="f1", content=changed, at=AT),
    )


def test_deactivating_keeps_the_faq_but_inactive_and_is_idempotent() -> None:
    catalog = given(ADDED)
    assert catalog.deactivate("f1", AT).active is False
    catalog.deactivate("f1", AT)
    assert catalog.pending_events == (FAQDeactivated(faq_id="f1", at=AT),)


def test_removing_and_unknown_ids() -> None:
    catalog = given(ADDED)
    catalog.remove("f1", AT)
    assert catalog.pending_events == (FAQRemoved(faq_id="f1", at=AT),) and catalog.faqs == []
    for command in (lambda: catalog.update("f1", HOURS, AT), lambda: catalog.remove("f1", AT),
                    lambda: catalog.deactivate("f1", AT)):
        with pytest.raises(FAQNotFound):
            command()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"question": "  "}, "question"),
        ({"answer": ""}, "answer"),
        ({"question": "q" * 501}, "question"),
        ({"keywords": "not-a-list"}, "keywords"),
        ({"keywords": ["ok", ""]}, "keywords"),
        ({"priority": "high"}, "priority"),
        ({"priority": True}, "priority"),
        ({"priority": 10_000}, "priority"),
        ({"category": 3}, "category"),
        ({"active": "yes"}, "active"),
    ],
)
def test_invalid_content_is_refused_naming_the_field(fields: dict, field: str) -> None:
    values = {"question": "Q?", "answer": "A.", "keywords": [], "category": "", "priority": 0,
              "active": True} | fields
    with pytest.raises(InvalidFAQ) as refused:
        FAQContent(**values)
    assert refused.value.field == field


def test_content_is_trimmed_and_keywords_deduplicated() -> None:
    content = FAQContent(" Q? ", " A. ", (" book ", "book", "نوبت"), " cat ", 1)
    assert (content.question, content.answer, content.keywords, content.category) == (
        "Q?", "A.", ("book", "نوبت"), "cat")


def test_a_text_holding_half_a_character_is_refused() -> None:
    from domain.errors import InvalidMessage
    from domain.message import clean_text

    with pytest.raises(InvalidFAQ, match="question: .*lone surrogate"):
        FAQContent("Open \ud800?", "Yes.")
    with pytest.raises(InvalidFAQ, match="keywords: .*lone surrogate"):
        FAQContent("Open?", "Yes.", ("\udfff",))
    with pytest.raises(InvalidMessage, match="lone surrogate"):
        clean_text("hi \ud83d")
    assert clean_text(" 🙂 سلام ") == "🙂 سلام"  # a whole emoji (a surrogate pair in JSON) is fine


def test_a_text_holding_nul_is_refused() -> None:
    """PostgreSQL cannot store U+0000 in text: refused in the domain, whatever the store."""
    from domain.errors import InvalidMessage
    from domain.message import clean_text

    with pytest.raises(InvalidMessage, match="NUL"):
        clean_text("x\u0000y")
    with pytest.raises(InvalidFAQ, match="answer: .*NUL"):
        FAQContent("Open?", "Y\u0000es.")
    with pytest.raises(InvalidFAQ, match="keywords: .*NUL"):
        FAQContent("Open?", "Yes.", ("a\x00",))
    with pytest.raises(InvalidFAQ, match="category: .*NUL"):
        FAQContent("Open?", "Yes.", (), "\x00")
    assert clean_text("tab\there, bell\x07 kept") == "tab\there, bell\x07 kept"
