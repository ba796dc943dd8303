"""The desk under a queue flood: conversations from a network over its escalation limit
come last, dimmed and marked, and are left out of the count agents watch."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from websockets.sync.client import connect

from tests.browser.desk import Dashboard, create_agent
from tests.browser.server import served_pasokh


@pytest.fixture(scope="module")
def flood_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("flood")


@pytest.fixture(scope="module")
def limited(flood_dir: Path) -> Iterator[str]:
    """A Pasokh that lets one network send two conversations an hour to the queue."""
    with served_pasokh(flood_dir, {"CHAT_ESCALATIONS_PER_ADDRESS": "2"}) as base:
        yield base


def escalate(base: str, text: str) -> None:
    """A conversation asks for a person, as the widget would, over the visitor socket."""
    key = httpx.post(f"{base}/chat/api/sessions/").json()["session_key"]
    with connect(f"{base.replace('http', 'ws')}/ws/chat/{key}/") as socket:
        socket.recv(timeout=10)
        socket.send(json.dumps({"type": "message", "text": text}))
        while json.loads(socket.recv(timeout=10))["type"] != "queue":
            pass


def test_a_flood_is_marked_and_listed_last(page: Page, limited: str, flood_dir: Path,
                                           snapshot: Callable[[str], None]) -> None:
    for n in range(4):
        escalate(limited, f"شکایت دارم {n}")
    username, password = create_agent(flood_dir, "sara")
    desk = Dashboard(page)
    desk.open(limited)
    desk.log_in(username, password)
    desk.logged_in()
    entries = desk.queue.locator(".item")
    expect(entries).to_have_count(4)
    expect(desk.queue.locator(".item.flood")).to_have_count(2)
    expect(entries.nth(0)).not_to_have_class(re.compile(r"\bflood\b"))
    expect(entries.nth(1)).not_to_have_class(re.compile(r"\bflood\b"))
    expect(entries.nth(2).locator(".chip.flood")).to_have_text("possible flood")
    expect(entries.nth(3).locator(".last")).to_have_text("شکایت دارم 3")
    # agents count the conversations that wait, not the flood
    expect(page.locator("#queue-badge")).to_have_text("2")
    expect(page).to_have_title(re.compile(r"^\(2\) Pasokh"))
    snapshot("queue")
