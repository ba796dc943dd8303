"""Every event type survives the trip to a JSON row and back; old versions are upcast."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import pytest

from adapters.sql import serialization
from adapters.sql.serialization import EVENT_TYPES, UnknownEventType, from_row, to_row
from domain.base import DomainEvent
from domain.faq import FAQContent
from domain.faq.catalog import FAQAdded, FAQUpdated
from domain.queue import SessionEnqueued
from domain.session_events import BotAnswered, SessionEscalated, SessionStarted
from tests.integration.stores.support import TEHRAN, every_event_type


def test_the_registry_holds_every_domain_event_class() -> None:
    assert {"SessionStarted", "VisitorMessagePosted", "BotAnswered", "SessionEscalated",
            "SystemMessagePosted", "AgentJoined", "AgentMessagePosted", "SessionClosed",
            "AnswerFeedbackGiven", "ConversationRated", "NoteLeft", "ContactLeft", "MailQueued",
            "MailSent", "HandoffSummarized", "SessionTransferred", "SessionReturnedToQueue",
            "SessionEnqueued", "SessionRequeued", "SessionDequeued", "FAQAdded", "FAQUpdated",
            "FAQDeactivated", "FAQRemoved"} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", every_event_type(), ids=lambda e: type(e).__name__)
def test_round_trip_through_json_text(event: DomainEvent) -> None:
    type_name, version, data = to_row(event)
    stored = json.loads(json.dumps(data))
    assert from_row(type_name, version, stored) == event
    assert type_name == type(event).__name__
    assert version == type(event).SCHEMA_VERSION


def test_datetimes_and_tuples_come_back_as_such() -> None:
    event = FAQAdded("f1", FAQContent("q", "a", ("نوبت", "booking"), "c", 1, True),
                     datetime(2025, 1, 1, 8, tzinfo=TEHRAN))
    _, version, data = to_row(event)
    assert data["at"] == "2025-01-01T08:00:00+03:30"
    assert data["content"]["keywords"] == ["نوبت", "booking"]
    revived = from_row("FAQAdded", version, data)
    assert isinstance(revived, FAQAdded)
    assert revived.content.keywords == ("نوبت", "booking") and revived.at == event.at


@pytest.mark.parametrize("event_type", [FAQAdded, FAQUpdated])
def test_an_faq_stored_with_its_fields_spelt_out_comes_back_as_one_record(
        event_type: type[FAQAdded | FAQUpdated]) -> None:
    stored = {"faq_id": "f1", "question": "ساعت کاری؟", "answer": "۸ تا ۲۰", "keywords": ["ساعت"],
              "category": "general", "priority": 3, "active": False,
              "at": "2025-01-01T08:00:00+03:30"}
    revived = from_row(event_type.__name__, 1, stored)
    assert revived == event_type("f1", FAQContent("ساعت کاری؟", "۸ تا ۲۰", ("ساعت",), "general",
                                                  3, False),
                                 datetime(2025, 1, 1, 8, tzinfo=TEHRAN))


def test_optional_fields_keep_none() -> None:
    event = BotAnswered("m", 2, "text", "ai", None, None, 1, datetime(2025, 1, 1, tzinfo=UTC))
    assert from_row(*to_row(event)) == event


def test_old_versions_are_upcast_one_step_at_a_time() -> None:
    @dataclass(frozen=True)
    class Escalated(SessionEscalated):
        SCHEMA_VERSION: ClassVar[int] = 3

    upcasters = {
        ("SessionEscalated", 1): lambda d: {"why": d["cause"], "at": d["at"]},
        ("SessionEscalated", 2): lambda d: {"reason": d["why"].upper(), "at": d["at"],
                                            "flood": False},
    }
    registry = {**EVENT_TYPES, "SessionEscalated": Escalated}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serialization, "EVENT_TYPES", registry)
        event = from_row("SessionEscalated", 1, {"cause": "ai_error",
                                                 "at": "2025-01-01T00:00:00+00:00"},
                         upcasters)
        with pytest.raises(LookupError, match="no upcaster"):
            from_row("SessionEscalated", 1, {"cause": "x", "at": "2025-01-01T00:00:00+00:00"},
                     {})
    assert event == Escalated(reason="AI_ERROR", at=datetime(2025, 1, 1, tzinfo=UTC))


def test_the_default_upcaster_map_applies() -> None:
    @dataclass(frozen=True)
    class Enqueued(SessionEnqueued):
        SCHEMA_VERSION: ClassVar[int] = 2

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serialization, "EVENT_TYPES", {**EVENT_TYPES, "SessionEnqueued": Enqueued})
        patch.setitem(serialization.UPCASTERS, ("SessionEnqueued", 1),
                      lambda d: {**d, "reason": d.get("reason") or "unknown", "flood": False})
        event = from_row("SessionEnqueued", 1, {"session_key": "k", "reason": "",
                                                "at": "2025-01-01T00:00:00+00:00"})
    assert event == Enqueued("k", "unknown", datetime(2025, 1, 1, tzinfo=UTC))


def test_unknown_and_future_events_are_refused() -> None:
    with pytest.raises(UnknownEventType):
        from_row("NoSuchEvent", 1, {})
    with pytest.raises(ValueError, match="newer"):
        from_row("SessionEscalated", 3, {"reason": "x", "at": "2025-01-01T00:00:00+00:00"})

    @dataclass(frozen=True)
    class Unregistered(DomainEvent):
        pass

    with pytest.raises(UnknownEventType):
        to_row(Unregistered())


def test_events_from_before_networks_and_floods_read_as_neither() -> None:
    at = "2025-01-01T00:00:00+00:00"
    started = from_row("SessionStarted", 1, {"session_key": "k", "at": at})
    escalated = from_row("SessionEscalated", 1, {"reason": "keyword", "at": at})
    enqueued = from_row("SessionEnqueued", 1, {"session_key": "k", "reason": "keyword", "at": at})
    assert isinstance(started, SessionStarted) and started.origin is None
    assert isinstance(escalated, SessionEscalated) and escalated.flood is False
    assert isinstance(enqueued, SessionEnqueued) and enqueued.flood is False
