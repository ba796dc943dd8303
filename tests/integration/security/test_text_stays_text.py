"""Stored text is kept verbatim and served as data, never as markup; pages render it as text."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from tests.integration.api.support import API, Socket, start_session
from tests.integration.security.conftest import Start

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; \u202e سلام'
# Ways a page could turn text into markup or code.
SINKS = re.compile(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|"
                   r"\beval\s*\(|new\s+Function\s*\(|srcdoc|createContextualFragment")


def test_hostile_text_is_stored_and_returned_verbatim_as_json(start: Start) -> None:
    client, _ = start()
    key = start_session(client)
    with client.websocket_connect(f"/ws/chat/{key}/") as session:
        socket = Socket(session)
        socket.receive()
        socket.send({"type": "message", "text": HOSTILE})
        assert socket.receive()["message"]["text"] == HOSTILE.strip()
    response = client.get(f"{API}/history/{key}/")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    user = [m for m in response.json()["messages"] if m["sender"] == "user"]
    assert [m["text"] for m in user] == [HOSTILE.strip()]


def page_sources() -> list[Path]:
    """Every script and page the service ships (the widget, the demo, any dashboard)."""
    package = Path(str(resources.files("entrypoints")))
    return sorted(p for p in package.rglob("*") if p.suffix in (".js", ".html", ".htm"))


@pytest.mark.parametrize("source", page_sources(), ids=lambda p: p.name)
def test_pages_put_text_into_the_document_only_as_text(source: Path) -> None:
    found = [line.strip() for line in source.read_text("utf-8").splitlines()
             if SINKS.search(line)]
    assert found == [], f"{source.name} turns strings into markup or code: {found}"


def test_the_sink_scan_would_notice_markup() -> None:
    assert SINKS.search("bubble.innerHTML = message.text;")
    assert SINKS.search("el.insertAdjacentHTML('beforeend', text)")
    assert not SINKS.search("bubble.textContent = message.text;")


def test_the_demo_page_keeps_its_own_policy_and_gets_the_other_headers(start: Start) -> None:
    client, _ = start()
    page = client.get("/")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
