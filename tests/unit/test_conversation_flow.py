"""The bus with in-memory adapters: commands in, events, read models and publications out."""

from __future__ import annotations

import asyncio

import pytest

from adapters.memory.event_store import InMemoryEventWriter
from application import commands as c
from application.messagebus import MessageBus
from application.ports import DraftReply, ResponderUnavailable
from domain.errors import AlreadyAssigned, SessionAlreadyClosed
from domain.faq import FAQContent
from domain.session_events import BotAnswered, SessionEscalated, VisitorMessagePosted
from tests.unit.conftest import CountingIds
from tests.unit.fakes import App, ScriptedResponder, build_app

BOOKING = c.AddFAQ(FAQContent("How do I book an appointment?", "Use the booking page.",
                              ("book", "appointment"), "booking", 5))


async def ask(app: App, key: str, text: str, client_id: str | None = None) -> None:
    await app.bus.handle(c.PostVisitorMessage(key, text, client_id))
    await app.bus.idle()


async def started(app: App) -> str:
    session = await app.bus.handle(c.StartSession())
    return session.session_key


async def history(app: App, key: str) -> list[tuple[str, str | None]]:
    view = await app.read_models.session(key)
    assert view is not None
    return [(m.sender, m.source) for m in view.messages]


async def test_what_the_words_settle_is_committed_with_its_question_and_no_policy_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One commit for the FAQ round trip (ADR 0022): the question and its answer together;
    an escalation phrase goes to people in the commit of its message. The answering policy
    runs only for questions the words left open, once, with nothing decided twice."""
    app = build_app(ScriptedResponder())
    await app.bus.handle(BOOKING)
    key = await started(app)
    policed: list[int] = []

    async def answering_policy(recorded, svc) -> None:  # type: ignore[no-untyped-def]
        policed.append(recorded.event.seq)

    bus = MessageBus(app.services, app.services.uow,
                     event_handlers={VisitorMessagePosted: [answering_policy]})
    appends: list[list[type]] = []
    write = InMemoryEventWriter.write

    async def noted_write(writer, batch, metadata):  # type: ignore[no-untyped-def]
        appends.extend([type(event) for event in append.events] for append in batch)
        return await write(writer, batch, metadata)

    monkeypatch.setattr(InMemoryEventWriter, "write", noted_write)
    await bus.handle(c.PostVisitorMessage(key, "how can I book an appointment?"))
    assert appends == [[VisitorMessagePosted, BotAnswered]]
    await bus.handle(c.PostVisitorMessage(key, "is there parking?"))
    assert appends[-1] == [VisitorMessagePosted]
    await bus.handle(c.PostVisitorMessage(key, "مشکل در نوبت‌گیری دارم"))  # keywords win
    assert appends[-1][:2] == [VisitorMessagePosted, SessionEscalated]
    await bus.handle(c.PostVisitorMessage(key, "are you there?"))  # for the people now
    await bus.idle()
    assert policed == [3]
    assert await history(app, key) == [("user", None), ("bot", "faq"), ("user", None),
                                       ("user", None), ("system", "system"), ("user", None)]


async def test_an_faq_question_is_stored_then_answered_from_the_faq() -> None:
    app = build_app()
    faq = await app.bus.handle(BOOKING)
    key = await started(app)
    await ask(app, key, "how can I book an appointment?", "c1")
    view = await app.read_models.session(key)
    assert view is not None
    assert [(m.seq, m.sender, m.source, m.faq_id) for m in view.messages] == [
        (1, "user", None, None), (2, "bot", "faq", faq.id)]
    assert view.messages[1].text == "Use the booking page." and app.responder.asked == []


async def test_the_echo_is_published_after_commit_before_the_answer() -> None:
    app = build_app()
    await app.bus.handle(BOOKING)
    key = await started(app)
    subscription = await app.pubsub.subscribe(f"session-{key}")
    await app.bus.handle(c.PostVisitorMessage(key, "book an appointment", "c1"))
    first = await asyncio.wait_for(subscription.queue.get(), 1)
    assert isinstance(first.event, VisitorMessagePosted)
    assert [r.event for r in app.log.records if r.position == first.position] == [first.event]
    await app.bus.idle()
    second = await asyncio.wait_for(subscription.queue.get(), 1)
    assert isinstance(second.event, BotAnswered)


async def test_other_questions_go_to_the_responder_with_history_and_suggestions() -> None:
    app = build_app(ScriptedResponder([DraftReply("We are near the park.", 0.8)]),
                    faq_threshold=0.8)
    await app.bus.handle(BOOKING)
    key = await started(app)
    await ask(app, key, "How do I book an appointment?")
    await ask(app, key, "can I book for my son?")
    question, turns, suggestions = app.responder.asked[0]
    assert question == "can I book for my son?"
    assert [t.sender for t in turns] == ["user", "bot"]
    assert [s.faq.question for s in suggestions] == ["How do I book an appointment?"]
    assert await history(app, key) == [
        ("user", None), ("bot", "faq"), ("user", None), ("bot", "ai")]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (DraftReply("maybe", 0.41), "low_confidence:0.41"),
        (DraftReply("ask a person", 0.9, needs_human=True), "ai_needs_human"),
        (ResponderUnavailable("timeout"), "ai_error"),
    ],
)
async def test_unsure_or_failing_ai_escalates(reply: object, reason: str) -> None:
    app = build_app(ScriptedResponder([reply]))  # type: ignore[list-item]
    key = await started(app)
    await ask(app, key, "Is my insurance accepted?")
    view = await app.read_models.session(key)
    assert view is not None and view.status == "queued" and view.escalation_reason == reason
    assert await history(app, key) == [("user", None), ("system", "system")]
    assert [(e.session_key, e.position, e.reason) for e in await app.read_models.queue()] == [
        (key, 1, reason)]


async def test_an_escalation_keyword_wins_over_an_faq_answer() -> None:
    app = build_app()
    await app.bus.handle(c.AddFAQ(FAQContent("مشکل پرداخت", "پاسخ", ("پرداخت",))))
    key = await started(app)
    await ask(app, key, "مشکل با پرداخت دارم")
    queue = await app.read_models.queue()
    assert [(e.reason, e.last_message) for e in queue] == [
        ("keyword:پرداخت", "مشکل با پرداخت دارم")]
    assert await history(app, key) == [("user", None), ("system", "system")]


async def test_the_bot_stays_silent_while_queued_and_messages_wait_for_the_agent() -> None:
    app = build_app()
    key = await started(app)
    await ask(app, key, "I want to talk to a human")
    await ask(app, key, "hello? anyone?")
    assert await history(app, key) == [("user", None), ("system", "system"), ("user", None)]
    assert app.responder.asked == []
    assert (await app.read_models.queue())[0].last_message == "hello? anyone?"


async def test_no_bot_answer_after_the_session_escalated_while_the_ai_was_thinking() -> None:
    gate = asyncio.Event()
    app = build_app(ScriptedResponder([DraftReply("late answer", 0.95)], gate=gate))
    key = await started(app)
    await app.bus.handle(c.PostVisitorMessage(key, "what about insurance?"))
    while not app.responder.asked:
        await asyncio.sleep(0)
    await app.bus.handle(c.EscalateSession(key, "visitor_request"))
    gate.set()
    await app.bus.idle()
    assert not any(isinstance(r.event, BotAnswered) for r in app.log.records)
    assert await history(app, key) == [("user", None), ("system", "system")]


async def test_joining_takes_the_session_out_of_the_queue_and_closing_ends_it() -> None:
    app = build_app()
    first, second = await started(app), await started(app)
    await ask(app, first, "مشکل دارم")
    await ask(app, second, "لغو نوبت")
    await app.bus.handle(c.JoinSession(first, "sara"))
    await app.bus.idle()
    assert [(e.session_key, e.position) for e in await app.read_models.queue()] == [(second, 1)]
    chats = await app.read_models.active_chats()
    assert [(ch.session_key, ch.agent, ch.status) for ch in chats] == [
        (first, "sara", "with_agent")]
    await app.bus.handle(c.PostAgentMessage(first, "sara", "سلام، سارا هستم"))
    await app.bus.handle(c.CloseSession(second, "sara"))
    await app.bus.handle(c.CloseSession(first, "sara"))
    await app.bus.idle()
    assert await app.read_models.queue() == [] and await app.read_models.active_chats() == []
    with pytest.raises(SessionAlreadyClosed):
        await app.bus.handle(c.PostVisitorMessage(first, "thanks"))


async def test_two_agents_joining_at_once_have_exactly_one_winner() -> None:
    app = build_app()
    key = await started(app)
    await ask(app, key, "مشکل دارم")
    results = await asyncio.gather(
        app.bus.handle(c.JoinSession(key, "sara")), app.bus.handle(c.JoinSession(key, "omid")),
        return_exceptions=True)
    assert sorted(type(r).__name__ for r in results) == ["AlreadyAssigned", "ChatSession"]
    joins = [r for r in app.log.records if type(r.event).__name__ == "AgentJoined"]
    assert len(joins) == 1
    assert isinstance(next(r for r in results if isinstance(r, Exception)), AlreadyAssigned)


async def test_a_resent_client_id_is_stored_once_even_when_racing() -> None:
    app = build_app()
    key = await started(app)
    a, b = await asyncio.gather(app.bus.handle(c.PostVisitorMessage(key, "hi", "same")),
                                app.bus.handle(c.PostVisitorMessage(key, "hi", "same")))
    await app.bus.idle()
    posted = [r for r in app.log.records if isinstance(r.event, VisitorMessagePosted)]
    assert len(posted) == 1 and a == b


async def test_a_failing_policy_is_logged_and_does_not_stop_the_others(caplog) -> None:  # noqa: ANN001
    app = build_app(ScriptedResponder([RuntimeError("bug in a fake")]))
    key = await started(app)
    await ask(app, key, "anything")
    assert "policy answer_visitor failed" in caplog.text
    await ask(app, key, "لغو")
    assert any(isinstance(r.event, SessionEscalated) for r in app.log.records)


async def test_a_caller_cancelled_mid_command_does_not_lose_the_answer() -> None:
    """The visitor hangs up while the message is being stored: it is still answered."""
    app = build_app()
    await app.bus.handle(BOOKING)
    key = await started(app)
    gate = asyncio.Event()
    publish = app.pubsub.publish

    async def slow_publish(recorded):  # noqa: ANN001, ANN202
        await gate.wait()
        await publish(recorded)

    app.pubsub.publish = slow_publish  # type: ignore[method-assign]
    sending = asyncio.ensure_future(
        app.bus.handle(c.PostVisitorMessage(key, "how can I book an appointment?", "c1")))
    await asyncio.sleep(0.01)
    sending.cancel()
    await asyncio.gather(sending, return_exceptions=True)
    gate.set()
    await app.bus.idle()
    assert await history(app, key) == [("user", None), ("bot", "faq")]


async def test_active_chats_that_started_together_are_ordered_by_session_key() -> None:
    """The SQL read models break the tie the same way, so every store lists them alike."""
    ids = CountingIds()
    ids.count = 8  # keys "key-9" then "key-10": creation order is not key order
    app = build_app(ids=ids)  # the fixed clock starts every session at the same instant
    first, second = await started(app), await started(app)
    assert sorted([first, second]) == [second, first]
    for key in (second, first):
        await ask(app, key, "مشکل دارم")
        await app.bus.handle(c.JoinSession(key, f"agent-{key}"))
    chats = await app.read_models.active_chats()
    assert [chat.session_key for chat in chats] == sorted([first, second])


async def test_each_message_is_decided_once_the_policy_finishing_the_commands_first_look(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The command looks at the words once; the policy adds to that look and never looks
    at the text again (no second escalation check, no second search of the words)."""
    app = build_app(ScriptedResponder([DraftReply("Yes, behind the clinic.", 0.9)]))
    key = await started(app)
    looked: list[str] = []
    escalation, matcher = app.services.escalation, app.services.matcher
    reason_for, lexical = type(escalation).reason_for, type(matcher).lexical

    def counted_reason_for(policy, text):  # type: ignore[no-untyped-def]
        looked.append(f"phrases: {text}")
        return reason_for(policy, text)

    async def counted_lexical(matcher, text):  # type: ignore[no-untyped-def]
        looked.append(f"words: {text}")
        return await lexical(matcher, text)

    monkeypatch.setattr(type(escalation), "reason_for", counted_reason_for)
    monkeypatch.setattr(type(matcher), "lexical", counted_lexical)
    await app.bus.handle(c.PostVisitorMessage(key, "is there parking?"))
    await app.bus.idle()
    assert looked == ["phrases: is there parking?", "words: is there parking?"]
    assert [q for q, *_ in app.responder.asked] == ["is there parking?"]
    assert await history(app, key) == [("user", None), ("bot", "ai")]
