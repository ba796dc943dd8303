"""Any instance serves any conversation: the database is the one record they share."""

from __future__ import annotations

import json

import httpx
from websockets.asyncio.client import connect

from tests.integration.api.test_serve import receive
from tests.integration.observability.scraping import Scrape
from tests.integration.topology.conftest import Instance

QUESTION = "How do I book an appointment?"


def scrape(instance: Instance) -> Scrape:
    return Scrape(httpx.get(f"{instance.http}/metrics").text)


def test_both_instances_are_ready(instances: list[Instance]) -> None:
    for instance in instances:
        assert httpx.get(f"{instance.http}/readyz").json() == {"status": "ready"}


def test_a_session_started_on_one_instance_is_read_on_the_other(
        instances: list[Instance]) -> None:
    a, b = instances
    started = httpx.post(f"{a.http}/chat/api/sessions/").json()
    history = httpx.get(f"{b.http}/chat/api/history/{started['session_key']}/")
    assert history.status_code == 200
    assert history.json() == {"session_key": started["session_key"], "status": "bot",
                              "messages": []}


async def test_a_message_answered_on_one_instance_is_visible_on_the_other(
        instances: list[Instance]) -> None:
    a, b = instances
    before = [scrape(instance) for instance in instances]
    key = httpx.post(f"{a.http}/chat/api/sessions/").json()["session_key"]
    async with connect(f"{a.ws}/ws/chat/{key}/") as ws:
        await receive(ws)
        await ws.send(json.dumps({"type": "message", "text": QUESTION, "client_id": "t-1"}))
        echo, answer = await receive(ws), await receive(ws)
    assert (answer["message"]["sender"], answer["message"]["source"]) == ("bot", "faq")

    messages = httpx.get(f"{b.http}/chat/api/history/{key}/").json()["messages"]
    assert messages == [echo["message"], answer["message"]]

    after = [scrape(instance) for instance in instances]
    for sender, source in (("user", "none"), ("bot", "faq")):
        counted = [later.value("pasokh_messages_total", sender=sender, source=source)
                   - earlier.value("pasokh_messages_total", sender=sender, source=source)
                   for earlier, later in zip(before, after, strict=True)]
        assert counted == [1, 0], "each message is counted once, where it was committed"


async def test_a_visitor_on_one_instance_is_heard_live_on_the_other(
        instances: list[Instance]) -> None:
    a, b = instances
    key = httpx.post(f"{a.http}/chat/api/sessions/").json()["session_key"]
    async with connect(f"{a.ws}/ws/chat/{key}/") as on_a, \
            connect(f"{b.ws}/ws/chat/{key}/") as on_b:
        await receive(on_a), await receive(on_b)
        await on_a.send(json.dumps({"type": "message", "text": QUESTION}))
        frames = [await receive(on_b) for _ in range(2)]
    assert [(f["type"], f["message"]["sender"]) for f in frames] == [
        ("message", "user"), ("message", "bot")]
