"""Internal notes over the agents' socket: every agent gets them as `note` messages; the
visitor gets nothing, not live, not in the history; a closed conversation takes none."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.admin.support import Desk, OpenDesk
from tests.integration.admin.test_agent_chat import chat  # noqa: F401 (a fixture)
from tests.integration.api.support import API, Socket


def test_agents_see_a_note_that_the_visitor_never_does(
        client: TestClient, chat: tuple[str, Socket, Desk], desk: OpenDesk) -> None:  # noqa: F811
    key, visitor, sara = chat
    reza = desk("reza")
    reza.expect("snapshot")
    sara.send({"type": "note", "session_key": key, "text": "  Refund promised by phone  "})
    note = sara.expect("message", session_key=key)["message"]
    assert (note["sender"], note["text"], note["agent"], note["seq"], note["source"]) == (
        "note", "Refund promised by phone", "sara", 3, None)
    assert reza.expect("message", session_key=key)["message"] == note  # not holding it

    visitor.send({"type": "message", "text": "Any news?"})
    echo = visitor.receive()  # the next frame is the visitor's own echo, not the note
    assert echo["type"] == "message" and echo["message"]["seq"] == 4
    assert echo["message"]["text"] == "Any news?"

    history = client.get(f"{API}/history/{key}/").json()
    assert [m["seq"] for m in history["messages"]] == [1, 2, 3, 4]
    assert "note" not in {m["sender"] for m in history["messages"]}
    with client.websocket_connect(f"/ws/chat/{key}/") as again:
        session = again.receive_json()
    assert [m["text"] for m in session["messages"]] == [m["text"] for m in history["messages"]]

    reza.send({"type": "history", "session_key": key})
    shown = reza.expect("history", session_key=key)["messages"]
    assert [(m["seq"], m["sender"]) for m in shown] == [
        (1, "user"), (2, "system"), (3, "system"), (3, "note"), (4, "user")]


@pytest.mark.parametrize("text", ["", "x" * 4001])
def test_an_empty_or_too_long_note_is_invalid(chat: tuple[str, Socket, Desk],  # noqa: F811
                                              text: str) -> None:
    key, _, sara = chat
    sara.send({"type": "note", "session_key": key, "text": text})
    assert sara.expect("error")["code"] == "invalid"


def test_a_note_on_a_closed_conversation_is_refused_as_closed(
        chat: tuple[str, Socket, Desk]) -> None:  # noqa: F811
    key, _, sara = chat
    sara.send({"type": "close", "session_key": key})
    sara.expect("status", session_key=key)
    sara.send({"type": "note", "session_key": key, "text": "one more thing"})
    error = sara.expect("error")
    assert (error["code"], error.get("session_key")) == ("closed", key)
    sara.send({"type": "note", "session_key": "x" * 32, "text": "nobody"})
    assert sara.expect("error")["code"] == "not_found"
