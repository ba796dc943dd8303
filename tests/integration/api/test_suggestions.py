"""Suggestions over the visitor socket: a visitor who chooses an offered FAQ names it with
`faq_id` and gets its answer; an unknown or inactive `faq_id` is matched as ordinary text."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.api.support import API, Connect, add_faq, bearer, start_session


def is_bot(frame: dict) -> bool:  # type: ignore[type-arg]
    return frame["type"] == "message" and frame["message"]["sender"] == "bot"


def test_a_chosen_faq_is_answered_with_its_own_answer(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    faq = add_faq(client, admin_token, question="Can I pay in instalments?",
                  answer="Yes, in three monthly payments.", keywords=["instalments"])
    socket = connect(start_session(client))
    socket.receive()
    # The question is the FAQ's own, but it names a word ("pay") an escalation phrase
    # could hold: a choice is answered without matching or escalation checks.
    socket.send({"type": "message", "text": faq["question"], "client_id": "c1",
                 "faq_id": faq["id"]})
    echo = socket.receive()
    assert echo["message"]["faq_id"] == faq["id"] and echo["message"]["sender"] == "user"
    answer = socket.receive_until(is_bot)[-1]["message"]
    assert (answer["source"], answer["faq_id"], answer["text"], answer["suggestions"]) == (
        "faq", faq["id"], "Yes, in three monthly payments.", [])


def test_an_unknown_or_inactive_faq_id_is_matched_as_text(
        client: TestClient, connect: Connect, admin_token: str) -> None:
    hours = add_faq(client, admin_token, question="What are your opening hours?",
                    answer="From 9 to 17.", keywords=["opening hours"])
    gone = add_faq(client, admin_token, question="Do you sell gift cards?",
                   answer="Yes.", keywords=["gift card"])
    assert client.delete(f"{API}/faqs/{gone['id']}/", headers=bearer(admin_token)) \
        .status_code == 204
    socket = connect(start_session(client))
    socket.receive()
    socket.send({"type": "message", "text": "what are your opening hours?",
                 "faq_id": "no-such-faq"})
    answer = socket.receive_until(is_bot)[-1]["message"]
    assert (answer["faq_id"], answer["text"]) == (hours["id"], "From 9 to 17.")
    socket.send({"type": "message", "text": "Do you sell gift cards?", "faq_id": gone["id"]})
    frames = socket.receive_until(is_bot)
    assert frames[0]["message"]["faq_id"] is None  # not recorded as a choice
    assert frames[-1]["message"]["faq_id"] != gone["id"]


def test_a_faq_id_of_the_wrong_type_is_invalid(client: TestClient, connect: Connect) -> None:
    socket = connect(start_session(client))
    socket.receive()
    socket.send({"type": "message", "text": "hi", "faq_id": 7})
    error = socket.receive()
    assert (error["type"], error["code"]) == ("error", "invalid")
