"""A conversation that has spent its AI budget is offered a person instead of another AI answer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.rate_limit import InMemoryAIUsageLedger, InMemoryRateLimiter
from application import commands
from application.ai_budget import cost_of
from application.ports import DraftReply, ResponderUnavailable
from application.rate_limits import Limit, RateLimits, Throttle
from application.services import ChatRules
from application.texts import say
from domain.ai_budget import AIBudget, AIUsage
from domain.faq import FAQContent
from tests.unit.fakes import App, ScriptedResponder, build_app


def model_reply(text: str = "You can book online.", tokens: int = 100) -> DraftReply:
    return DraftReply(text, 0.9, prompt_tokens=tokens - 10, completion_tokens=10)


def budgeted(budget: AIBudget,
             script: list[Any] | None = None) -> tuple[App, InMemoryAIUsageLedger]:
    ledger = InMemoryAIUsageLedger()
    app = build_app(ScriptedResponder(script or []), rules=ChatRules(ai_budget=budget),
                    ai_usage=ledger)
    return app, ledger


async def ask(app: App, key: str, text: str) -> dict[str, Any]:
    await app.bus.handle(commands.PostVisitorMessage(key, text, None))
    await app.bus.idle()
    view = await app.read_models.session(key)
    assert view is not None
    last = view.messages[-1]
    return {"sender": last.sender, "source": last.source, "text": last.text}


async def start(app: App) -> str:
    session = await app.bus.handle(commands.StartSession())
    key: str = session.session_key
    return key


async def test_after_the_allowed_calls_the_visitor_is_offered_a_person() -> None:
    app, ledger = budgeted(AIBudget(max_calls=2, max_tokens=10_000),
                           [model_reply(), model_reply(), model_reply()])
    key = await start(app)
    assert (await ask(app, key, "what are your hours"))["source"] == "ai"
    assert (await ask(app, key, "do you take insurance"))["source"] == "ai"
    offer = await ask(app, key, "is parking free")
    assert offer["sender"] == "bot" and offer["source"] == "system"
    assert "person" in offer["text"]
    assert len(app.responder.asked) == 2  # the model was not called a third time
    assert await ledger.spent(key) == AIUsage(2, 200)


async def test_the_token_budget_counts_too() -> None:
    app, _ = budgeted(AIBudget(max_calls=50, max_tokens=250),
                      [model_reply(tokens=200), model_reply(tokens=200), model_reply()])
    key = await start(app)
    await ask(app, key, "what are your hours")
    await ask(app, key, "do you take insurance")  # 200 spent < 250: allowed, overshoots
    offer = await ask(app, key, "is parking free")
    assert offer["source"] == "system"
    assert len(app.responder.asked) == 2


async def test_persian_visitors_get_the_offer_in_persian() -> None:
    app, _ = budgeted(AIBudget(max_calls=1), [model_reply()])
    key = await start(app)
    await ask(app, key, "ساعت کاری شما چیست")
    offer = await ask(app, key, "پارکینگ دارید")
    assert offer["source"] == "system" and "کارشناس" in offer["text"]


async def test_each_conversation_has_its_own_budget() -> None:
    app, _ = budgeted(AIBudget(max_calls=1), [model_reply(), model_reply()])
    first, second = await start(app), await start(app)
    await ask(app, first, "what are your hours")
    assert (await ask(app, second, "what are your hours"))["source"] == "ai"


async def test_faq_answers_cost_nothing_and_still_come_when_the_budget_is_spent() -> None:
    app, ledger = budgeted(AIBudget(max_calls=1), [model_reply()])
    await app.bus.handle(commands.AddFAQ(FAQContent("How do I book an appointment?",
                                                    "Use the booking page.",
                                                    ("book", "appointment"), "booking", 1, True)))
    key = await start(app)
    await ask(app, key, "what are your hours")
    answer = await ask(app, key, "How do I book an appointment?")
    assert answer["source"] == "faq"
    assert (await ledger.spent(key)).calls == 1


async def test_a_failed_call_counts_as_a_call() -> None:
    app, ledger = budgeted(AIBudget(max_calls=5), [ResponderUnavailable("down")])
    key = await start(app)
    await ask(app, key, "what are your hours")
    assert await ledger.spent(key) == AIUsage(calls=1)


def test_answers_from_no_model_are_free() -> None:
    assert cost_of(DraftReply("I don't know; write human.", None)) == AIUsage()
    assert cost_of(model_reply(tokens=120)) == AIUsage(1, 120)


@pytest.mark.parametrize(("spent", "allowed"), [
    (AIUsage(0, 0), True), (AIUsage(2, 100), True), (AIUsage(3, 0), False),
    (AIUsage(0, 1000), False), (AIUsage(1, 999), True)])
def test_the_budget_rule(spent: AIUsage, allowed: bool) -> None:
    assert AIBudget(max_calls=3, max_tokens=1000).allows_another_call(spent) is allowed


async def test_simultaneous_messages_cannot_overshoot_the_budget() -> None:
    """The call is reserved before the model is asked: five questions waiting on the model
    at once hold five reservations, and only the budget's two may go ahead."""
    ledger = InMemoryAIUsageLedger()
    responder = ScriptedResponder([model_reply() for _ in range(5)], gate=asyncio.Event())
    app = build_app(responder, rules=ChatRules(ai_budget=AIBudget(max_calls=2,
                                                                   max_tokens=10_000)),
                    ai_usage=ledger)
    key = await start(app)
    for n in range(5):
        await app.bus.handle(commands.PostVisitorMessage(key, f"question number {n}?", None))
    for _ in range(20):
        await asyncio.sleep(0)  # every reaction reaches the model, or is refused
    assert responder.gate is not None
    responder.gate.set()
    await app.bus.idle()
    assert len(responder.asked) == 2
    assert (await ledger.spent(key)).calls == 2


async def test_the_deployment_budget_per_minute_covers_every_conversation() -> None:
    """Conversations are free to start: the deployment's own budget stops the spending."""
    ticks = [0.0]
    limiter = InMemoryRateLimiter(lambda: ticks[0])
    throttle = Throttle(limiter, RateLimits(ai_calls_per_minute=Limit.per_minute(2)))
    ledger = InMemoryAIUsageLedger()
    app = build_app(ScriptedResponder([model_reply() for _ in range(4)]), ai_usage=ledger,
                    throttle=throttle)
    replies = [await ask(app, await start(app), "what are your hours") for _ in range(3)]
    assert [r["source"] for r in replies] == ["ai", "ai", "system"]
    assert replies[2]["text"] == say("ai_busy", "en")
    assert len(app.responder.asked) == 2
    ticks[0] += 61  # a minute later the model answers again
    assert (await ask(app, await start(app), "what are your hours"))["source"] == "ai"


async def test_one_network_has_its_own_budget_inside_the_deployments() -> None:
    """Conversations from one network (their origin tag) stop at the network's budget,
    before they can use up the deployment's; other networks still get answers."""
    ticks = [0.0]
    limiter = InMemoryRateLimiter(lambda: ticks[0])
    throttle = Throttle(limiter, RateLimits(
        ai_calls_per_minute=Limit.per_minute(10),
        ai_calls_per_address_per_minute=Limit.per_minute(2)))
    app = build_app(ScriptedResponder([model_reply() for _ in range(6)]),
                    ai_usage=InMemoryAIUsageLedger(), throttle=throttle)

    async def from_network(origin: str) -> str:
        session = await app.bus.handle(commands.StartSession(origin=origin))
        return str(session.session_key)

    replies = [await ask(app, await from_network("net-a"), "what are your hours")
               for _ in range(3)]
    assert [r["source"] for r in replies] == ["ai", "ai", "system"]
    assert replies[2]["text"] == say("ai_busy", "en")
    assert (await ask(app, await from_network("net-b"), "what are your hours"))["source"] == "ai"
    assert len(app.responder.asked) == 3
    ticks[0] += 61
    assert (await ask(app, await from_network("net-a"), "what are your hours"))["source"] == "ai"
