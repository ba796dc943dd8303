"""The read models answer the same on every backend, fed through the message bus."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from application import commands as c
from domain.faq import FAQContent
from domain.session_events import VisitorMessagePosted
from tests.integration.stores.backends import Backend, memory_backend
from tests.integration.stores.flows import clinic_day, run
from tests.integration.stores.support import bus_for


async def test_a_clinic_day_reads_the_same_as_in_memory(backend: Backend) -> None:
    reference = memory_backend()
    expected = await clinic_day(bus_for(reference), reference.read_models)
    assert await clinic_day(bus_for(backend), backend.read_models) == expected


async def test_a_clinic_day_ends_where_it_should(backend: Backend) -> None:
    *_, final = await clinic_day(bus_for(backend), backend.read_models)
    a, b, c_, d, e = final["sessions"]
    assert [s.status for s in final["sessions"]] == ["closed", "closed", "with_agent", "bot",
                                                      "queued"]
    assert [(m.sender, m.source) for m in a.messages] == [
        ("user", None), ("bot", "faq"), ("user", None), ("system", "system"),
        ("system", "system"), ("agent", "agent"), ("user", None)]
    assert a.messages[1].faq_id is not None and a.escalation_reason == "keyword:پرداخت"
    assert [m.helpful for m in a.messages] == [None, True, None, None, None, None, None]
    assert a.rating is not None and (a.rating.score, a.rating.comment) == (4, "quick and kind")
    assert b.rating is None
    assert [m.seq for m in a.messages] == list(range(1, 8))
    assert a.messages[5].agent == "sara" and a.messages[5].client_id == "s1"
    assert b.escalation_reason == "visitor_request" and c_.agent == "omid" and d.messages == []
    assert [(q.session_key, q.position, q.reason, q.last_message) for q in final["queue"]] == [
        (e.session_key, 1, "keyword:پشتیبانی", "پشتیبانی لطفا")]
    [chat] = final["active_chats"]
    assert (chat.session_key, chat.agent, chat.last_message) == (
        c_.session_key, "omid", c_.messages[-1].text)
    assert all(m.created_at.utcoffset() == timedelta(0) for s in final["sessions"]
               for m in s.messages) or backend.name == "memory"


async def test_the_queue_and_active_chats_along_the_way(backend: Backend) -> None:
    _, escalated, joined, _ = await clinic_day(bus_for(backend), backend.read_models)
    a, b, c_, *_ = escalated["sessions"]
    assert [(q.session_key, q.position) for q in escalated["queue"]] == [
        (a.session_key, 1), (b.session_key, 2), (c_.session_key, 3)]
    assert [q.last_message for q in escalated["queue"]] == [
        "مشکل با پرداخت دارم", "I want to talk to a human", "can I speak to an operator"]
    assert escalated["active_chats"] == []
    assert [q.session_key for q in joined["queue"]] == [b.session_key]
    assert [chat.session_key for chat in joined["active_chats"]] == [a.session_key,
                                                                      c_.session_key]
    assert joined["queue"][0].position == 1


async def test_faqs_by_priority_then_in_the_order_they_were_added(backend: Backend) -> None:
    bus = bus_for(backend)
    for n, priority in enumerate([0, 5, 0, 5, 0]):
        await run(bus, c.AddFAQ(FAQContent(f"Question {n}?", f"Answer {n}.", (f"w{n}",), "",
                                           priority), faq_id=f"f{n}"))
    await run(bus, c.UpdateFAQ("f0", FAQContent("Question zero?", "Answer zero.", ("w0",), "", 0)))
    await run(bus, c.RemoveFAQ("f2"))
    await run(bus, c.AddFAQ(FAQContent("Question 2 again?", "Again.", ("w2",), "", 0), faq_id="f2"))
    await run(bus, c.DeactivateFAQ("f4"))

    assert [f.id for f in await backend.read_models.faqs()] == ["f1", "f3", "f0", "f2"]
    assert [f.id for f in await backend.read_models.faqs(include_inactive=True)] == [
        "f1", "f3", "f0", "f4", "f2"]
    assert (await backend.read_models.faq("f0")).question == "Question zero?"  # type: ignore[union-attr]
    assert await backend.read_models.faq("missing") is None
    assert await backend.read_models.catalog_version() == 9


async def test_history_after_a_seq_and_unknown_sessions(backend: Backend) -> None:
    bus = bus_for(backend)
    key = (await run(bus, c.StartSession())).session_key
    for n in range(3):
        await run(bus, c.PostVisitorMessage(key, f"something unusual {n}", f"m{n}"))
    full = await backend.read_models.session(key)
    later = await backend.read_models.session(key, after_seq=4)
    assert full is not None and later is not None
    assert [m.seq for m in full.messages] == list(range(1, 7))
    assert later.messages == full.messages[4:]
    assert await backend.read_models.session("no-such-key") is None
    assert await backend.read_models.catalog_version() == 0


async def test_a_resend_racing_itself_is_stored_once(backend: Backend) -> None:
    bus = bus_for(backend)
    key = (await run(bus, c.StartSession())).session_key
    first, second = await asyncio.gather(
        *(bus.handle(c.PostVisitorMessage(key, "is anyone there?", "same")) for _ in range(2)))
    await bus.idle()
    assert (first.id, first.seq) == (second.id, second.seq)
    view = await backend.read_models.session(key)
    assert view is not None
    assert [m.id for m in view.messages if m.client_id == "same"] == [first.id]
    async with backend.uow() as uow:
        stream = await uow.events.read_stream(f"session-{key}")
    assert sum(isinstance(r.event, VisitorMessagePosted) for r in stream) == 1
