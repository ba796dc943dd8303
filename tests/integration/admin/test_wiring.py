"""Settings and wiring of this issue: the chat limit, and Redis when REDIS_URL is set."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from adapters.memory.pubsub import InProcessPubSub
from adapters.redis_pubsub import RedisPubSub
from entrypoints import lifecycle
from entrypoints.container import create_container
from entrypoints.settings import Settings
from tests.integration.api.conftest import make_settings


def test_agents_hold_five_chats_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).chat_agent_max_chats == 5  # type: ignore[call-arg]
    monkeypatch.setenv("CHAT_AGENT_MAX_CHATS", "3")
    monkeypatch.setenv("PASOKH_REDIS_PREFIX", "tenant-7")
    monkeypatch.setenv("PASOKH_STORAGE", "memory")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.chat_agent_max_chats, settings.redis_prefix) == (3, "tenant-7")
    assert create_container(settings).services().rules.agent_max_chats == 3
    monkeypatch.setenv("CHAT_AGENT_MAX_CHATS", "0")
    with pytest.raises(ValueError, match="chat_agent_max_chats"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_without_redis_the_fan_out_is_in_process(tmp_path: Path) -> None:
    container = create_container(make_settings("memory", tmp_path))
    assert container.config.pubsub_backend() == "in_process"
    assert isinstance(container.pubsub(), InProcessPubSub)


@pytest.mark.redis
async def test_with_redis_url_the_container_runs_redis_pub_sub(
        tmp_path: Path, redis_url: str) -> None:
    settings = make_settings("memory", tmp_path).model_copy(update={
        "redis_url": redis_url, "redis_prefix": f"pasokh-test-{secrets.token_hex(4)}"})
    container = create_container(settings)
    assert container.config.pubsub_backend() == "redis"
    await lifecycle.open_resources(container)
    try:
        hub = container.pubsub()
        assert isinstance(hub, RedisPubSub)
        assert container.uow_factory() is not None  # built on it, as a plain object
    finally:
        await lifecycle.close_resources(container)


async def test_the_kept_conversations_are_bounded_by_the_setting(tmp_path: Path) -> None:
    from adapters.sql.database import Database
    from domain.chat_session import ChatSession
    from tests.unit.fakes import FixedClock

    settings = make_settings("sqlite", tmp_path).model_copy(update={"kept_aggregates": 2})
    container = create_container(settings)
    await lifecycle.open_resources(container)
    try:
        database = container.database()
        assert isinstance(database, Database)
        sessions = []
        for key in "abc":
            session = ChatSession.start(key, FixedClock().now())
            session.mark_persisted()
            sessions.append(session)
        database.kept.keep(sessions)
        assert len(database.kept) == 2
    finally:
        await lifecycle.close_resources(container)
