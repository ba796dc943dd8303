"""The visitor downloads their conversation as text: whoever holds the key, nobody else."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.api.support import API, Connect, add_faq, start_session


def test_the_holder_of_the_key_downloads_the_conversation_as_utf8_text(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    add_faq(client, admin_token)
    key = start_session(client)
    socket = connect(key)
    socket.receive()
    socket.send({"type": "message", "text": "how can I book an appointment?"})
    socket.receive(), socket.receive()  # the echo and the FAQ's answer
    response = client.get(f"{API}/history/{key}/transcript/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="conversation-')
    assert disposition.endswith(f'-{key[:8]}.txt"')
    lines = response.text.splitlines()
    assert lines[3].endswith("You: how can I book an appointment?")
    assert lines[4].endswith("Assistant: Use the booking page on our website.")
    persian = client.get(f"{API}/history/{key}/transcript?lang=fa")
    assert persian.status_code == 200 and "] شما: how can I book" in persian.text
    assert persian.content.decode("utf-8") == persian.text


def test_no_transcript_without_the_right_key_or_for_an_unknown_language(
        client: TestClient) -> None:
    key = start_session(client)
    assert client.get(f"{API}/history/{'x' * 32}/transcript/").status_code == 404
    assert client.get(f"{API}/history/short/transcript/").status_code == 404
    refused = client.get(f"{API}/history/{key}/transcript/?lang=de")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid"
