"""The reconciler finds reactions a crash left undone and has them done, exactly once.

"Crashed" below is a bus on the same stores that never runs a policy: what a process leaves
behind when it dies right after a commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace

from application import commands as c
from application.messagebus import MessageBus
from application.reconcile import ANSWER, DEQUEUE, ENQUEUE, Reconciler, Repair
from domain.faq import FAQContent
from domain.queue import SessionDequeued, SessionEnqueued
from domain.session_events import BotAnswered, VisitorMessagePosted
from tests.unit.fakes import App, ScriptedResponder, build_app

GRACE = 30
BOOKING = c.AddFAQ(FAQContent("How do I book an appointment?", "Use the booking page.",
                              ("book", "appointment"), "booking", 5))


def reconciler(app: App, bus: MessageBus | None = None) -> Reconciler:
    return Reconciler(bus or app.bus, app.services, GRACE)


async def crashed_session(app: App) -> tuple[MessageBus, str]:
    crashed = app.another_instance(policies=False)
    session = await crashed.handle(c.StartSession())
    return crashed, session.session_key


async def history(app: App, key: str) -> list[tuple[str, str | None]]:
    view = await app.read_models.session(key)
    assert view is not None
    return [(m.sender, m.source) for m in view.messages]


def count(app: App, kind: type) -> int:
    return sum(isinstance(r.event, kind) for r in app.log.records)


async def test_a_question_whose_policy_never_ran_is_answered_once_after_the_grace() -> None:
    app = build_app(ScriptedResponder())
    await app.bus.handle(BOOKING)
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "is there parking?"))  # for the AI
    assert await reconciler(app).run_once() == []  # the live policy may still be at work
    assert await history(app, key) == [("user", None)]

    app.clock.advance(GRACE + 1)
    repairs = await reconciler(app).run_once()
    assert [(r.kind, r.session_key) for r in repairs] == [(ANSWER, key)]
    assert await history(app, key) == [("user", None), ("bot", "ai")]
    assert await reconciler(app).run_once() == []
    assert count(app, BotAnswered) == 1


async def test_a_question_the_faq_answers_is_answered_in_its_own_commit() -> None:
    """Nothing to lose between the commit and a policy: a crash right after leaves no gap."""
    app = build_app(ScriptedResponder())
    await app.bus.handle(BOOKING)
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "how do I book an appointment?"))
    assert await history(app, key) == [("user", None), ("bot", "faq")]
    app.clock.advance(GRACE + 1)
    assert await reconciler(app).run_once() == []
    assert count(app, BotAnswered) == 1 and app.responder.asked == []


async def test_every_unanswered_question_of_a_session_gets_its_own_answer() -> None:
    app = build_app(ScriptedResponder())
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "is there parking?"))
    await crashed.handle(c.PostVisitorMessage(key, "and on fridays?"))
    await app.bus.react(app.log.records[-2])  # the first one was answered before the crash
    app.clock.advance(GRACE + 1)
    repairs = await reconciler(app).run_once()
    assert [r.kind for r in repairs] == [ANSWER]
    assert [q for q, *_ in app.responder.asked] == ["is there parking?", "and on fridays?"]
    assert await history(app, key) == [("user", None), ("user", None), ("bot", "ai"),
                                       ("bot", "ai")]


async def test_an_escalating_question_is_escalated_in_its_own_commit_and_queued_after() -> None:
    """The phrase sends the conversation to people with the message; only the queue entry,
    a policy's work, can be lost to a crash, and the reconciler makes it."""
    app = build_app()
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "مشکل پرداخت دارم"))
    assert (await history(app, key))[1:] == [("system", "system")]
    app.clock.advance(GRACE + 1)
    assert [r.kind for r in await reconciler(app).run_once()] == [ENQUEUE]
    await app.bus.idle()
    assert [(e.session_key, e.reason) for e in await app.read_models.queue()] == [
        (key, "keyword:پرداخت")]
    assert await reconciler(app).run_once() == [] and count(app, SessionEnqueued) == 1


async def test_an_escalated_session_that_never_entered_the_queue_enters_it_once() -> None:
    app = build_app()
    crashed, key = await crashed_session(app)
    await crashed.handle(c.EscalateSession(key, "visitor_request"))
    assert await app.read_models.queue() == []
    app.clock.advance(GRACE + 1)
    repairs = await reconciler(app).run_once()
    assert [(r.kind, r.session_key) for r in repairs] == [(ENQUEUE, key)]
    assert [(e.session_key, e.reason) for e in await app.read_models.queue()] == [
        (key, "visitor_request")]
    assert await reconciler(app).run_once() == [] and count(app, SessionEnqueued) == 1


async def test_a_taken_session_left_in_the_queue_leaves_it_with_its_real_wait() -> None:
    app = build_app()
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.EscalateSession(key, "visitor_request"))
    await app.bus.idle()
    app.clock.advance(40)
    await app.another_instance(policies=False).handle(c.JoinSession(key, "sara"))
    assert [e.session_key for e in await app.read_models.queue()] == [key]
    app.clock.advance(GRACE + 1)
    repairs = await reconciler(app).run_once()
    assert [(r.kind, r.session_key) for r in repairs] == [(DEQUEUE, key)]
    assert await app.read_models.queue() == []
    assert await app.read_models.recent_waits(5) == [40.0]  # not the time the repair took
    assert await reconciler(app).run_once() == [] and count(app, SessionDequeued) == 1


async def test_a_closed_session_left_in_the_queue_leaves_it() -> None:
    app = build_app()
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.EscalateSession(key, "visitor_request"))
    await app.bus.idle()
    await app.another_instance(policies=False).handle(c.CloseSession(key, "visitor"))
    app.clock.advance(GRACE + 1)
    assert [r.kind for r in await reconciler(app).run_once()] == [DEQUEUE]
    assert await app.read_models.queue() == []


async def test_nothing_left_undone_means_nothing_written() -> None:
    app = build_app()
    await app.bus.handle(BOOKING)
    keys = [(await app.bus.handle(c.StartSession())).session_key for _ in range(4)]
    for key, text in zip(keys, ["book an appointment", "what is the price?", "مشکل دارم",
                                "مشکل پرداخت"], strict=True):
        await app.bus.handle(c.PostVisitorMessage(key, text))
    await app.bus.idle()
    await app.bus.handle(c.JoinSession(keys[3], "sara"))
    await app.bus.handle(c.CloseSession(keys[3], "sara"))
    await app.bus.idle()
    app.clock.advance(GRACE + 1)
    written = len(app.log.records)
    assert await reconciler(app).run_once() == []
    assert len(app.log.records) == written and app.responder.asked[-1][0] == "what is the price?"
    assert len(app.responder.asked) == 1


async def test_a_reconciler_racing_the_live_policy_leaves_one_answer() -> None:
    gate = asyncio.Event()
    app = build_app(ScriptedResponder(gate=gate))
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "is there parking?"))
    while not app.responder.asked:  # the live policy waits for the model...
        await asyncio.sleep(0)
    app.clock.advance(GRACE + 1)  # ...longer than the grace; another instance repairs
    repairing = asyncio.create_task(reconciler(app, app.another_instance()).run_once())
    while len(app.responder.asked) < 2:
        await asyncio.sleep(0)
    gate.set()
    await repairing
    await app.bus.idle()
    assert count(app, BotAnswered) == 1
    assert await history(app, key) == [("user", None), ("bot", "ai")]


async def test_the_reconciler_leaves_a_reaction_its_own_instance_is_still_working_on() -> None:
    gate = asyncio.Event()
    app = build_app(ScriptedResponder(gate=gate))
    key = (await app.bus.handle(c.StartSession())).session_key
    await app.bus.handle(c.PostVisitorMessage(key, "is there parking?"))
    app.clock.advance(GRACE + 1)
    repairing = asyncio.create_task(reconciler(app).run_once())
    for _ in range(20):  # time for a second call to the model, were one made
        await asyncio.sleep(0)
    gate.set()
    assert await repairing == []
    await app.bus.idle()
    assert len(app.responder.asked) == 1 and count(app, BotAnswered) == 1


async def test_a_late_enqueue_does_not_put_a_taken_session_back_in_the_queue() -> None:
    app = build_app()
    crashed, key = await crashed_session(app)
    await crashed.handle(c.EscalateSession(key, "visitor_request"))
    escalated = next(r for r in reversed(app.log.records)
                     if type(r.event).__name__ == "SessionEscalated")
    await app.bus.handle(c.JoinSession(key, "sara"))
    await app.bus.idle()
    repaired = await app.bus.react(escalated)  # the handoff summary is still written
    assert [type(r.event).__name__ for r in repaired] == ["HandoffSummarized"]
    assert await app.read_models.queue() == [] and count(app, SessionEnqueued) == 0


async def test_the_same_event_twice_through_the_bus_is_reacted_to_once() -> None:
    app = build_app(ScriptedResponder())
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "is there parking?"))
    question = next(r for r in app.log.records if isinstance(r.event, VisitorMessagePosted))
    first, second = await asyncio.gather(app.bus.react(question),
                                         app.another_instance().react(question))
    assert len(first + second) == 1 and count(app, BotAnswered) == 1


class FlakyReadModels:
    """The read models, except that the first reconciliation query fails (database away)."""

    def __init__(self, inner: object) -> None:
        self._inner = inner
        self.failures = 1

    async def sessions_awaiting_reply(self, *args: object) -> list[str]:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("database away")
        return await self._inner.sessions_awaiting_reply(*args)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


class Passes:
    def __init__(self) -> None:
        self.outcomes: list[str] = []
        self.repairs: list[str] = []

    def done(self, repairs: Sequence[Repair]) -> None:
        self.outcomes.append("ok")
        self.repairs += [r.kind for r in repairs]

    def failed(self) -> None:
        self.outcomes.append("error")


async def test_a_failed_pass_is_reported_and_the_next_pass_repairs() -> None:
    app = build_app()
    crashed, key = await crashed_session(app)
    await crashed.handle(c.PostVisitorMessage(key, "is there parking?"))
    app.clock.advance(GRACE + 1)
    services = replace(app.services, read_models=FlakyReadModels(app.read_models))
    passes = Passes()
    running = asyncio.create_task(
        Reconciler(app.bus, services, GRACE).run_forever(0.001, passes))
    while not passes.repairs:
        await asyncio.sleep(0.001)
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    assert passes.outcomes[:2] == ["error", "ok"] and passes.repairs == [ANSWER]
    assert await history(app, key) == [("user", None), ("bot", "ai")]
