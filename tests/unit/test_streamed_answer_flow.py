"""The model's answer while it is written, through the bus with in-memory adapters: its
pieces go to the conversation's live readers as draft signals, never to the store."""

from __future__ import annotations

import asyncio
import dataclasses

from application import commands as c
from application.messagebus import MessageBus
from application.ports import DRAFT, DraftReply, Signal
from tests.unit.fakes import App, ScriptedResponder, build_app


def streaming(app: App) -> MessageBus:
    services = dataclasses.replace(app.services, signals=app.pubsub)
    return MessageBus(services, services.uow)


async def heard(app: App, bus: MessageBus, reply: DraftReply, text: str
                ) -> tuple[str, list[Signal]]:
    app.responder.script.append(reply)
    key = (await bus.handle(c.StartSession())).session_key
    subscription = await app.pubsub.subscribe(f"session-{key}")
    await bus.handle(c.PostVisitorMessage(key, text))
    await bus.idle()
    await asyncio.sleep(0)
    inbox = subscription.queue  # type: ignore[attr-defined]
    arrived = [await inbox.get() for _ in range(inbox.qsize())]
    signals = [item for item in arrived if isinstance(item, Signal)]
    await subscription.close()
    return key, signals


async def test_each_piece_names_the_question_and_the_pieces_make_the_answer() -> None:
    app = build_app(ScriptedResponder())
    key, signals = await heard(app, streaming(app), DraftReply("We open at nine today.", 0.9),
                               "When do you open?")
    assert len(signals) == 5
    assert {(s.kind, s.sender, s.reply_to) for s in signals} == {(DRAFT, "bot", 1)}
    assert "".join(s.text for s in signals) == "We open at nine today."
    view = await app.read_models.session(key)
    assert view is not None and [m.text for m in view.messages][-1] == "We open at nine today."


async def test_a_doubted_draft_is_heard_but_only_the_escalation_is_stored() -> None:
    app = build_app(ScriptedResponder())
    key, signals = await heard(app, streaming(app), DraftReply("Maybe, not sure.", 0.1),
                               "Can my cat come?")
    assert "".join(s.text for s in signals) == "Maybe, not sure."
    view = await app.read_models.session(key)
    assert view is not None and view.status == "queued"
    assert [m.sender for m in view.messages] == ["user", "system"]


async def test_without_live_readers_wired_nothing_is_signalled() -> None:
    app = build_app(ScriptedResponder())
    _, signals = await heard(app, app.bus, DraftReply("We open at nine.", 0.9), "When?")
    assert signals == []
