"""Where the visitor came from, their other conversations and the handoff summary read the
same on every backend (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from application import commands as c
from application import queries
from domain.visitor_context import VisitorContext
from tests.integration.stores.backends import Backend
from tests.integration.stores.support import bus_for

VISITOR = "returning-visitor-01"
PAGE = VisitorContext("https://shop.example/checkout?step=2", "https://www.google.com/",
                      "fa-IR", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Firefox/121.0")


async def test_the_context_and_the_visitors_other_conversations(backend: Backend) -> None:
    bus = bus_for(backend)
    earlier = [(await bus.handle(c.StartSession(visitor_id=VISITOR))).session_key
               for _ in range(3)]
    await bus.handle(c.StartSession(visitor_id="another-visitor-2"))
    await bus.handle(c.StartSession())
    now = (await bus.handle(c.StartSession(visitor_id=VISITOR, context=PAGE))).session_key
    await bus.idle()
    view = await backend.read_models.session(now)
    assert view is not None and (view.visitor_id, view.context) == (VISITOR, PAGE)
    previous = await backend.read_models.previous_sessions(VISITOR, now, 2)
    assert [(p.session_key, p.status) for p in previous] == [(earlier[2], "bot"),
                                                             (earlier[1], "bot")]
    assert previous[0].created_at > previous[1].created_at
    first = await backend.read_models.session(earlier[0])
    assert first is not None and first.context is None
    assert await backend.read_models.previous_sessions("nobody-at-all-1", now, 5) == []


async def test_the_summary_reaches_the_queue_and_the_conversation(backend: Backend) -> None:
    bus = bus_for(backend)
    key = (await bus.handle(c.StartSession(visitor_id=VISITOR, context=PAGE))).session_key
    await bus.handle(c.PostVisitorMessage(key, "my card was charged twice"))
    await bus.idle()
    await bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
    await bus.idle()
    [entry] = await backend.read_models.queue()
    assert entry.summary == ("[visitor_request] my card was charged twice / "
                             "I want to talk to a human")
    detail = await queries.session_detail(backend.read_models, key)
    assert detail.view.summary == entry.summary and detail.previous == []
