"""The widget keeps a random visitor id in the browser and sends it when a conversation
starts, so a returning visitor's conversations are linked and their escalations counted."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page

from tests.browser.widget import Widget, answer_to

OPENING = "What are your opening hours?"


def started_with(page: Page, pasokh: str) -> dict[str, object]:
    """Open the widget, ask, and return the body of the request that started the session."""
    with page.expect_request(re.compile(r".*/chat/api/sessions/$")) as started:
        page.goto(f"{pasokh}/")
        widget = Widget(page)
        widget.open()
        widget.ask(OPENING)
        widget.answer(answer_to(OPENING))
    body: dict[str, object] = json.loads(started.value.post_data or "{}")
    return body


def test_one_browser_sends_one_visitor_id_for_each_conversation(page: Page, pasokh: str) -> None:
    first = started_with(page, pasokh)
    visitor_id = first["visitor_id"]
    assert isinstance(visitor_id, str) and re.fullmatch(r"[A-Za-z0-9_-]{8,64}", visitor_id)
    kept = page.evaluate("""() => Object.entries(localStorage)
        .find(([name]) => name.startsWith('pasokh:') && name.endsWith(':visitor'))[1]""")
    assert kept == visitor_id
    # the conversation is forgotten (a new one starts), the visitor is the same
    page.evaluate("""() => Object.keys(localStorage)
        .filter((name) => name.startsWith('pasokh:') && name.endsWith(':session'))
        .forEach((name) => localStorage.removeItem(name))""")
    assert started_with(page, pasokh)["visitor_id"] == visitor_id


def test_the_widget_says_where_the_visitor_opened_it(page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/?from=ad#pricing")  # the fragment is the page's own business
    body = started_with_here(page)
    assert body["page_url"] == f"{pasokh}/?from=ad"
    assert body["locale"] == page.evaluate("() => navigator.language")
    assert "referrer" not in body  # opened directly: nothing to say


def started_with_here(page: Page) -> dict[str, object]:
    with page.expect_request(re.compile(r".*/chat/api/sessions/$")) as started:
        widget = Widget(page)
        widget.open()
        widget.ask(OPENING)
        widget.answer(answer_to(OPENING))
    body: dict[str, object] = json.loads(started.value.post_data or "{}")
    return body
