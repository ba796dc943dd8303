"""The choice of automatic assignment: fewest chats under the limit, ties to the longest idle,
waiting conversations in queue order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.assignment import AgentLoad, assignments, least_busy, next_assignment

AT = datetime(2026, 1, 3, 9, 0, tzinfo=UTC)


def minutes_ago(minutes: int) -> datetime:
    return AT - timedelta(minutes=minutes)


def test_the_agent_with_the_fewest_chats_takes_the_next_one() -> None:
    loads = [AgentLoad("sara", 2, minutes_ago(60)), AgentLoad("omid", 1, minutes_ago(1))]
    chosen = least_busy(loads, max_chats=5)
    assert chosen is not None and chosen.agent == "omid"


def test_between_equals_the_one_idle_longest_takes_it() -> None:
    loads = [AgentLoad("sara", 1, minutes_ago(5)), AgentLoad("omid", 1, minutes_ago(30)),
             AgentLoad("mina", 1, minutes_ago(10))]
    chosen = least_busy(loads, max_chats=5)
    assert chosen is not None and chosen.agent == "omid"


def test_an_agent_never_given_a_chat_has_been_idle_longest() -> None:
    loads = [AgentLoad("sara", 0, minutes_ago(600)), AgentLoad("omid", 0, None)]
    chosen = least_busy(loads, max_chats=5)
    assert chosen is not None and chosen.agent == "omid"


def test_nobody_takes_a_chat_at_the_limit() -> None:
    assert least_busy([AgentLoad("sara", 2), AgentLoad("omid", 3)], max_chats=2) is None
    assert least_busy([], max_chats=2) is None


def test_waiting_conversations_go_in_queue_order_each_counting_at_once() -> None:
    loads = [AgentLoad("sara", 0, minutes_ago(5)), AgentLoad("omid", 1, minutes_ago(50))]
    given = assignments(["k1", "k2", "k3", "k4", "k5"], loads, max_chats=2, at=AT)
    # sara (fewest), then both at one: omid idle longer; then sara, now at 2 like omid
    assert given == [("k1", "sara"), ("k2", "omid"), ("k3", "sara")]


def test_nothing_is_given_to_nobody() -> None:
    assert assignments(["k1"], [], max_chats=2, at=AT) == []


def test_a_conversation_put_back_never_goes_back_to_who_put_it_back() -> None:
    loads = [AgentLoad("sara", 0, minutes_ago(60)), AgentLoad("omid", 1, minutes_ago(1))]
    assert next_assignment(["k1", "k2"], loads, 2, {"k1": "sara"}) == ("k1", "omid")
    assert next_assignment(["k1", "k2"], loads, 2, {}) == ("k1", "sara")


def test_one_that_only_its_returner_could_take_waits_and_the_next_goes() -> None:
    loads = [AgentLoad("sara", 0), AgentLoad("omid", 2)]
    assert next_assignment(["k1", "k2"], loads, 2, {"k1": "sara"}) == ("k2", "sara")
    assert next_assignment(["k1"], loads, 2, {"k1": "sara"}) is None
    assert next_assignment(["k1", "k2"], [AgentLoad("omid", 2)], 2, {}) is None
