"""Agents take conversations from the live queue: one winner per conversation, a limit per
agent, the whole conversation and its reason on joining."""

from __future__ import annotations

from fastapi.testclient import TestClient

from application.ports import RecordedEvent
from domain.chat_session import stream_id_for
from domain.session_events import AgentJoined
from entrypoints.container import Container
from tests.integration.admin.support import OpenDesk, escalated_visitor, is_a
from tests.integration.api.support import Connect, in_app


async def stream_of(container: Container, key: str) -> list[RecordedEvent]:
    async with container.uow_factory()(None) as uow:
        return await uow.events.read_stream(stream_id_for(key))


def test_the_snapshot_shows_the_queue_and_the_active_chats(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    first, _ = escalated_visitor(client, connect, "مشکل با پرداخت دارم")
    second, _ = escalated_visitor(client, connect)
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send({"type": "join", "session_key": first})
    sara.expect("joined", session_key=first)
    snapshot = desk("reza").expect("snapshot")
    assert [(e["session_key"], e["position"], e["reason"]) for e in snapshot["queue"]] == [
        (second, 1, "visitor_request")]
    assert [(c["session_key"], c["agent"], c["status"]) for c in snapshot["active_chats"]] == [
        (first, "sara", "with_agent")]


def test_joining_shows_the_whole_conversation_and_why_it_escalated(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    key, visitor = escalated_visitor(client, connect, "مشکل با پرداخت دارم")
    sara = desk("sara")
    sara.expect("snapshot")
    sara.send({"type": "join", "session_key": key})
    joined = sara.expect("joined")
    assert (joined["session_key"], joined["status"], joined["agent"], joined["reason"]) == (
        key, "with_agent", "sara", "keyword:پرداخت")
    assert [(m["seq"], m["sender"]) for m in joined["messages"]] == [
        (1, "user"), (2, "system"), (3, "system")]
    assert joined["messages"][0]["text"] == "مشکل با پرداخت دارم"
    assert visitor.receive() == {"type": "status", "status": "with_agent", "agent": "sara"}
    assert visitor.receive()["message"]["text"] == joined["messages"][2]["text"]
    assert "sara" in joined["messages"][2]["text"]


def test_every_agent_sees_the_queue_and_active_chats_change(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    sara, reza = desk("sara"), desk("reza")
    sara.expect("snapshot")
    reza.expect("snapshot")
    key, _ = escalated_visitor(client, connect)
    assert sara.queue_keys() == [key] and reza.queue_keys() == [key]
    sara.send({"type": "join", "session_key": key})
    assert reza.queue_keys() == []
    chats = reza.expect("active_chats")["active_chats"]
    assert [(c["session_key"], c["agent"]) for c in chats] == [(key, "sara")]


def test_two_agents_joining_at_once_one_wins_and_one_join_is_recorded(
        client: TestClient, connect: Connect, desk: OpenDesk, container: Container) -> None:
    key, _ = escalated_visitor(client, connect)
    sara, reza = desk("sara"), desk("reza")
    sara.expect("snapshot")
    reza.expect("snapshot")
    sara.send({"type": "join", "session_key": key})
    reza.send({"type": "join", "session_key": key})
    outcomes = {}
    for name, socket in (("sara", sara), ("reza", reza)):
        outcomes[name] = socket.receive_until(
            lambda f: f["type"] in ("joined", "error") and f.get("session_key") == key, 30)[-1]
    winners = [name for name, frame in outcomes.items() if frame["type"] == "joined"]
    losers = [frame for frame in outcomes.values() if frame["type"] == "error"]
    assert len(winners) == 1
    assert [frame["code"] for frame in losers] == ["already_assigned"]
    in_app(client, container.bus().idle)
    joins = [r.event for r in in_app(client, stream_of, container, key)
             if isinstance(r.event, AgentJoined)]
    assert [join.agent for join in joins] == winners


def test_an_agent_holds_at_most_the_configured_number_of_chats(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    keys = [escalated_visitor(client, connect)[0] for _ in range(3)]
    sara = desk("sara")
    sara.expect("snapshot")
    for key in keys[:2]:
        sara.send({"type": "join", "session_key": key})
        sara.expect("joined", session_key=key)
    sara.send({"type": "join", "session_key": keys[2]})
    error = sara.expect("error")
    assert (error["code"], error["session_key"]) == ("too_many_chats", keys[2])
    sara.send({"type": "join", "session_key": keys[0]})  # one already held: no new chat
    assert sara.expect("joined", session_key=keys[0])["agent"] == "sara"
    sara.send({"type": "close", "session_key": keys[0]})
    sara.expect("status", session_key=keys[0], status="closed")
    sara.send({"type": "join", "session_key": keys[2]})
    assert sara.expect("joined", session_key=keys[2])["agent"] == "sara"


def test_joining_an_unknown_or_malformed_session_is_not_found(desk: OpenDesk) -> None:
    sara = desk("sara")
    sara.expect("snapshot")
    for key in ("no-such-session-key-0123456789", "bad key!"):
        sara.send({"type": "join", "session_key": key})
        error = sara.receive_until(is_a("error"))[-1]
        assert (error["code"], error["session_key"]) == ("not_found", key)


def test_a_reconnecting_agent_finds_their_chats_and_keeps_receiving(
        client: TestClient, connect: Connect, desk: OpenDesk) -> None:
    key, visitor = escalated_visitor(client, connect)
    first = desk("sara")
    first.expect("snapshot")
    first.send({"type": "join", "session_key": key})
    first.expect("joined")
    again = desk("sara")
    chats = again.expect("snapshot")["active_chats"]
    assert [(c["session_key"], c["agent"]) for c in chats] == [(key, "sara")]
    visitor.send({"type": "message", "text": "are you there?"})
    frame = again.expect("message", session_key=key)
    assert (frame["message"]["sender"], frame["message"]["text"]) == ("user", "are you there?")
