"""A realistic day at the clinic, driven through the message bus, and what the read models
answer along the way."""

from __future__ import annotations

from typing import Any

from application import commands as c
from application.messagebus import MessageBus
from application.ports import ReadModels
from domain.faq import FAQContent


async def run(bus: MessageBus, command: c.Command) -> Any:
    result = await bus.handle(command)
    await bus.idle()
    return result


async def snapshot(read_models: ReadModels, keys: list[str]) -> dict[str, Any]:
    faqs = await read_models.faqs(include_inactive=True)
    return {
        "sessions": [await read_models.session(key) for key in keys],
        "after_seq_2": [await read_models.session(key, after_seq=2) for key in keys],
        "notes": [await read_models.notes(key) for key in keys],
        "faqs": await read_models.faqs(),
        "all_faqs": faqs,
        "each_faq": [await read_models.faq(faq.id) for faq in faqs],
        "queue": await read_models.queue(),
        "active_chats": await read_models.active_chats(),
        "catalog_version": await read_models.catalog_version(),
        "contacts": await read_models.contacts(),
    }


async def clinic_day(bus: MessageBus, read_models: ReadModels) -> list[dict[str, Any]]:
    """FAQs added, changed, retired; five visitors: answered, escalated, joined, closed."""
    booking = await run(bus, c.AddFAQ(FAQContent("How do I book an appointment?",
                                                 "Use the booking page.",
                                                 ("book", "appointment"), "booking", 5)))
    hours = await run(bus, c.AddFAQ(FAQContent("What are your opening hours?", "9 to 5.",
                                               ("hours", "open"), "general", 5)))
    await run(bus, c.AddFAQ(FAQContent("هزینه ویزیت چقدر است؟", "۵۰۰ هزار تومان",
                                       ("هزینه", "ویزیت"), "billing", 10)))
    parking = await run(bus, c.AddFAQ(FAQContent("Is there parking?", "Street parking only.",
                                                 ("parking",))))
    retired = await run(bus, c.AddFAQ(FAQContent("Do you sell gift cards?", "No.", ("gift",))))
    await run(bus, c.UpdateFAQ(hours.id, FAQContent(
        "When are you open?", "9 to 5, Saturday to Wednesday.", ("hours", "open"), "general", 7)))
    await run(bus, c.DeactivateFAQ(parking.id))
    await run(bus, c.RemoveFAQ(retired.id))
    assert booking.id

    keys = [(await run(bus, c.StartSession())).session_key for _ in range(5)]
    a, b, c_, d, e = keys
    snapshots = [await snapshot(read_models, keys)]
    await run(bus, c.PostVisitorMessage(a, "how can I book an appointment?", "a1"))
    await run(bus, c.PostVisitorMessage(a, "مشکل با پرداخت دارم", "a2"))
    await run(bus, c.PostVisitorMessage(b, "what is the meaning of life", "b1"))
    await run(bus, c.PostVisitorMessage(b, "I want to talk to a human", "b2"))
    await run(bus, c.PostVisitorMessage(c_, "هزینه ویزیت چقدر است؟", "c1"))
    await run(bus, c.PostVisitorMessage(c_, "can I speak to an operator", None))
    snapshots.append(await snapshot(read_models, keys))
    answer = (await read_models.session(a)).messages[1]  # type: ignore[union-attr]
    await run(bus, c.GiveFeedback(a, answer.id, False))
    await run(bus, c.GiveFeedback(a, answer.id, True))
    await run(bus, c.LeaveContact(b, "سارا", "sara@example.com", "۰۹۱۲ ۳۴۵ ۶۷۸۹"))
    await run(bus, c.LeaveContact(c_, None, None, "+98 912 000 0000"))
    await run(bus, c.JoinSession(a, "sara"))
    await run(bus, c.PostAgentMessage(a, "sara", "Hello, how can I help?", "s1"))
    await run(bus, c.LeaveNote(a, "sara", "Card charged twice: check with the bank"))
    await run(bus, c.LeaveNote(b, "omid", "یادداشت: قبلاً هم تماس گرفته"))
    await run(bus, c.PostVisitorMessage(a, "my card was charged twice", "a3"))
    await run(bus, c.JoinSession(c_, "omid"))
    snapshots.append(await snapshot(read_models, keys))
    await run(bus, c.CloseSession(b, "visitor"))
    await run(bus, c.CloseSession(a, "sara"))
    await run(bus, c.RateConversation(a, 4, "quick and kind"))
    await run(bus, c.PostVisitorMessage(e, "پشتیبانی لطفا", "e1"))
    assert d
    snapshots.append(await snapshot(read_models, keys))
    return snapshots
