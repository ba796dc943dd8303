"""Where the visitor came from, kept with the conversation's start, and the handoff summary
the agent reads first: given events, when a command, then events; and through the bus."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from adapters.sql.serialization import from_row, to_row
from application import commands as c
from application import queries
from application.ports import SummaryUnavailable, Turn
from application.services import ChatRules
from domain.chat_session import ChatSession
from domain.handoff import BY_CONVERSATION, BY_MODEL, conversation_summary, trimmed
from domain.session_events import HandoffSummarized, SessionStarted
from domain.visitor_context import MAX_USER_AGENT_LENGTH, VisitorContext
from tests.unit.conftest import AT
from tests.unit.fakes import App, build_app
from tests.unit.test_chat_session import ASKED, ESCALATED, NOTICE, STARTED, given

PAGE = VisitorContext("https://shop.example/cart", "https://www.google.com/", "fa-IR",
                      "Mozilla/5.0 (Linux; Android 14) Chrome/120.0.0.0 Mobile Safari/537.36")
VISITOR = "visitor-0123456789"
BUILT = "[keyword:پرداخت] I was charged twice / مشکل پرداخت دارم"


# -- the domain ---------------------------------------------------------------------------

def test_the_context_is_recorded_with_the_start() -> None:
    session = ChatSession.start("k1", AT, None, VISITOR, PAGE)
    assert session.pending_events == (
        SessionStarted(session_key="k1", at=AT, visitor_id=VISITOR, context=PAGE),)
    assert session.context == PAGE


def test_a_context_is_trimmed_and_cut_and_nothing_said_is_none() -> None:
    assert VisitorContext.of(" ", None, "", None) is None
    seen = VisitorContext.of(" https://a.example/ ", None, "en", "x" * 2000)
    assert seen == VisitorContext("https://a.example/", None, "en", "x" * MAX_USER_AGENT_LENGTH)


def test_the_built_line_comes_once_and_the_models_replaces_it_once() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    assert session.summarize_handoff("  wants a   refund ", BY_CONVERSATION, AT)
    assert not session.summarize_handoff("something else", BY_CONVERSATION, AT)
    assert session.summarize_handoff("Charged twice; wants a refund.", BY_MODEL, AT)
    assert not session.summarize_handoff("a second opinion", BY_MODEL, AT)
    assert not session.summarize_handoff("built again", BY_CONVERSATION, AT)
    assert session.pending_events == (
        HandoffSummarized(summary="wants a refund", by=BY_CONVERSATION, at=AT),
        HandoffSummarized(summary="Charged twice; wants a refund.", by=BY_MODEL, at=AT))
    assert (session.summary, session.summary_by) == ("Charged twice; wants a refund.", BY_MODEL)


def test_an_empty_line_is_not_a_summary() -> None:
    session = given(STARTED, ASKED, ESCALATED, NOTICE)
    assert not session.summarize_handoff("  ", BY_MODEL, AT)
    assert session.pending_events == ()


def test_a_conversation_still_with_the_bot_has_no_summary() -> None:
    session = given(STARTED, ASKED)
    assert not session.summarize_handoff("wants a refund", BY_MODEL, AT)
    assert session.pending_events == ()


def test_the_built_summary_says_why_and_the_last_three_messages() -> None:
    said = ["hi", "my card was   charged twice", "order 5521", "I want my money back"]
    assert conversation_summary("keyword:refund", said) == (
        "[keyword:refund] my card was charged twice / order 5521 / I want my money back")
    assert conversation_summary("visitor_request", []) == "[visitor_request]"


def test_a_long_summary_is_cut_at_a_word() -> None:
    cut = trimmed("word " * 100, 40)
    assert len(cut) <= 40 and cut.endswith("word…")


# -- the event's versions ---------------------------------------------------------------

def test_a_v2_start_reads_without_context_and_v3_keeps_it() -> None:
    v2 = {"session_key": "k1", "at": AT.isoformat(), "origin": "tag", "visitor_id": VISITOR}
    assert from_row("SessionStarted", 2, v2) == SessionStarted(
        session_key="k1", at=AT, origin="tag", visitor_id=VISITOR, context=None)
    event = SessionStarted(session_key="k1", at=AT, visitor_id=VISITOR, context=PAGE)
    name, version, data = to_row(event)
    assert version == 3 and from_row(name, version, data) == event


# -- through the bus ----------------------------------------------------------------------

@dataclass
class ScriptedSummarizer:
    """Writes the scripted line; or fails, or takes longer than any deadline."""

    line: str = "The visitor was charged twice and wants a refund."
    fails: bool = False
    hangs: bool = False
    gate: asyncio.Event | None = None  # writes its line once the test opens it
    asked: list[tuple[str | None, list[Turn]]] = field(default_factory=list)

    async def summarize(self, reason: str | None, conversation: Sequence[Turn], *,
                        session_key: str | None = None) -> str:
        self.asked.append((reason, list(conversation)))
        if self.hangs:
            await asyncio.sleep(3600)
        if self.gate is not None:
            await self.gate.wait()
        if self.fails:
            raise SummaryUnavailable("the model failed")
        return self.line


async def escalated(app: App, context: VisitorContext | None = None,
                    visitor_id: str | None = None) -> str:
    key = (await app.bus.handle(c.StartSession(visitor_id=visitor_id, context=context))
           ).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "I was charged twice"))
    await app.bus.idle()
    await app.bus.handle(c.PostVisitorMessage(key, "مشکل پرداخت دارم"))
    await app.bus.idle()
    return key


async def summary_in_queue(app: App) -> str | None:
    [entry] = await app.read_models.queue()
    return entry.summary


async def test_without_a_model_the_summary_is_built_from_the_conversation() -> None:
    app = build_app()
    key = await escalated(app)
    assert await summary_in_queue(app) == BUILT
    assert summaries(app, key) == [(BUILT, BY_CONVERSATION)]


def summaries(app: App, key: str) -> list[tuple[str, str]]:
    return [(r.event.summary, r.event.by) for r in app.log.streams[f"session-{key}"]
            if isinstance(r.event, HandoffSummarized)]


async def test_with_a_model_its_line_replaces_the_built_one() -> None:
    summarizer = ScriptedSummarizer()
    app = build_app(summarizer=summarizer)
    key = await escalated(app)
    assert await summary_in_queue(app) == summarizer.line
    [(reason, turns)] = summarizer.asked
    assert reason == "keyword:پرداخت"
    assert [t.text for t in turns if t.sender == "user"] == [
        "I was charged twice", "مشکل پرداخت دارم"]
    assert summaries(app, key) == [(BUILT, BY_CONVERSATION), (summarizer.line, BY_MODEL)]
    view = await app.read_models.session(key)
    assert view is not None and view.summary == summarizer.line


async def test_the_queue_entry_has_its_summary_from_the_start() -> None:
    """The built line is recorded before the enqueue: no queue entry is ever without one."""
    gate = asyncio.Event()
    app = build_app(summarizer=ScriptedSummarizer(gate=gate))
    key = (await app.bus.handle(c.StartSession())).session_key
    seen: list[str | None] = []
    queue_events = await app.pubsub.subscribe("queue")

    async def watch() -> None:
        async for _ in queue_events:
            seen.extend(entry.summary for entry in await app.read_models.queue())
            return

    watching = asyncio.create_task(watch())
    await app.bus.handle(c.PostVisitorMessage(key, "I want to talk to a human"))
    await watching
    assert seen == ["[visitor_request] I want to talk to a human"]
    await queue_events.close()
    gate.set()  # then the model's line replaces it
    await app.bus.idle()
    assert await summary_in_queue(app) == ScriptedSummarizer.line


@pytest.mark.parametrize("summarizer", [ScriptedSummarizer(fails=True),
                                        ScriptedSummarizer(hangs=True),
                                        ScriptedSummarizer(line="   ")])
async def test_a_failing_slow_or_empty_model_leaves_the_built_line(
        summarizer: ScriptedSummarizer) -> None:
    app = build_app(summarizer=summarizer, rules=ChatRules(summary_deadline_seconds=0.05))
    key = await escalated(app)
    assert await summary_in_queue(app) == BUILT
    assert summaries(app, key) == [(BUILT, BY_CONVERSATION)]


async def test_a_repeated_reaction_does_not_ask_the_model_again() -> None:
    summarizer = ScriptedSummarizer()
    app = build_app(summarizer=summarizer)
    key = await escalated(app)
    [escalation] = [r for r in app.log.streams[f"session-{key}"]
                    if type(r.event).__name__ == "SessionEscalated"]
    assert await app.another_instance().react(escalation) == []
    assert len(summarizer.asked) == 1
    assert summaries(app, key) == [(BUILT, BY_CONVERSATION), (summarizer.line, BY_MODEL)]


async def test_the_detail_lists_the_visitors_other_conversations_newest_first() -> None:
    app = build_app()
    first = (await app.bus.handle(c.StartSession(visitor_id=VISITOR))).session_key
    app.clock.advance(60)
    await app.bus.handle(c.StartSession(visitor_id="someone-else-42"))
    app.clock.advance(60)
    second = (await app.bus.handle(c.StartSession(visitor_id=VISITOR))).session_key
    app.clock.advance(60)
    now = await escalated(app, PAGE, VISITOR)
    await app.bus.handle(c.LeaveNote(now, "sara", "asked about this last week"))
    detail = await queries.session_detail(app.read_models, now)
    assert [p.session_key for p in detail.previous] == [second, first]
    assert detail.view.context == PAGE and detail.view.visitor_id == VISITOR
    assert [n.text for n in detail.notes] == ["asked about this last week"]
    alone = await queries.session_detail(app.read_models, first)
    assert [p.session_key for p in alone.previous] == [now, second]
