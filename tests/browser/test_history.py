"""The conversation survives reloads and lost connections: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.widget import Widget, answer_to

OPENING = "What are your opening hours?"
PARKING = "Is there parking at the clinic?"
INSURANCE = "Which insurance plans do you accept?"


def stored_texts(pasokh: str, page: Page) -> list[str]:
    """The visitor's messages as the server stored them."""
    key = page.evaluate("""() => Object.entries(localStorage)
        .find(([name]) => name.startsWith('pasokh:') && name.endsWith(':session'))[1]""")
    history = httpx.get(f"{pasokh}/chat/api/history/{key}/", timeout=5).json()
    return [m["text"] for m in history["messages"] if m["sender"] == "user"]


def test_a_reload_shows_the_whole_conversation_again(page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask(OPENING)
    widget.answer(answer_to(OPENING))
    widget.ask(PARKING)
    widget.answer(answer_to(PARKING))
    before = widget.bubbles()

    page.reload()
    widget.open()

    expect(widget.stored()).to_have_count(4)
    assert widget.bubbles() == before
    assert widget.bubbles("user") == [OPENING, PARKING]


def test_a_message_written_while_offline_is_delivered_once_after_reconnecting(
        page: Page, context: BrowserContext, pasokh: str,
        snapshot: Callable[[str], None]) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask(OPENING)
    widget.answer(answer_to(OPENING))

    context.set_offline(True)
    widget.drop_connection()
    expect(widget.host.get_by_text("Connection lost. Reconnecting…")).to_be_visible()
    widget.ask(PARKING)
    expect(widget.pending).to_have_count(1)
    expect(widget.pending.locator(".state")).to_have_text("Will send when reconnected")
    page.wait_for_timeout(1500)  # a few failed reconnection attempts
    snapshot("offline")
    context.set_offline(False)

    widget.answer(answer_to(PARKING))
    expect(widget.pending).to_have_count(0)
    expect(widget.host.get_by_text("Connection lost. Reconnecting…")).to_be_hidden()

    assert widget.bubbles("user") == [OPENING, PARKING]
    assert stored_texts(pasokh, page) == [OPENING, PARKING]


def test_messages_lost_on_the_way_are_resent_and_lost_echoes_do_not_double_them(
        page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask(OPENING)
    widget.answer(answer_to(OPENING))

    widget.drop_connection_at_next_message(delivered=False)
    widget.ask(PARKING)
    widget.answer(answer_to(PARKING))
    resent = [f for f in widget.sent_messages() if f["text"] == PARKING]
    assert len(resent) == 2 and resent[0]["client_id"] == resent[1]["client_id"]

    widget.drop_connection_at_next_message(delivered=True)
    widget.ask(INSURANCE)
    widget.answer(answer_to(INSURANCE))
    expect(widget.pending).to_have_count(0)

    expected = [OPENING, PARKING, INSURANCE]
    assert widget.bubbles("user") == expected
    assert stored_texts(pasokh, page) == expected
    page.reload()
    widget.open()
    expect(widget.stored()).to_have_count(6)
    assert widget.bubbles("user") == expected


def test_a_message_the_server_could_not_store_is_sent_again_and_stored_once(
        page: Page, pasokh: str, snapshot: Callable[[str], None]) -> None:
    """The first time the widget sends the question, the server (here a stand-in between
    page and server) answers `unavailable` as during a database outage; the widget keeps it,
    says so, and sends it again after retry_after."""
    refused: list[str] = []

    def between(ws: Any) -> None:
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "message" and not refused:
                refused.append(frame["client_id"])
                ws.send(json.dumps({"type": "error", "code": "unavailable",
                                    "message": "the database is unreachable", "retry_after": 1,
                                    "client_id": frame["client_id"]}))
                return
            server.send(message)

        ws.on_message(from_page)
        server.on_message(lambda message: ws.send(message))

    page.route_web_socket(re.compile(r".*/ws/chat/.*"), between)
    page.goto(f"{pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask(PARKING)
    expect(widget.host.get_by_text("We could not save your message just now.",
                                   exact=False)).to_be_visible()
    snapshot("refused")
    widget.answer(answer_to(PARKING))
    assert len(refused) == 1
    assert stored_texts(pasokh, page) == [PARKING]
