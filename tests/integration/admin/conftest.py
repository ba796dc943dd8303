"""The app under test as in tests/integration/api (memory, SQLite, PostgreSQL), with a clock
the tests move forward, at most 2 chats per agent, and helpers to open agents' sockets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient

from adapters.security import JwtTokenIssuer
from adapters.system import SystemClock
from application.auth import register_agent
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.admin.support import Desk, ManualClock, OpenDesk
from tests.integration.api import conftest as api
from tests.integration.api.support import API, in_app

# The API tests' fixtures, so these tests run on memory, SQLite and PostgreSQL alike.
settings, migrated_postgres, app, client = api.settings, api.migrated_postgres, api.app, api.client
admin_token, connect = api.admin_token, api.connect

MAX_CHATS = 2
PASSWORD = "agents-password-long-enough"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def container(settings: Settings, clock: ManualClock) -> Container:
    container = create_container(settings.model_copy(update={"chat_agent_max_chats": MAX_CHATS}))
    container.clock.override(providers.Object(clock))
    # Tokens keep real time: a clock moved forward would issue them "in the future".
    container.token_issuer.override(providers.Singleton(
        JwtTokenIssuer, secret=api.SECRET, ttl_seconds=3600, clock=SystemClock()))
    return container


def agent_token(client: TestClient, container: Container, username: str) -> str:
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), username, PASSWORD)
    response = client.post(f"{API}/auth/login/", json={"username": username,
                                                       "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def desk(client: TestClient, container: Container) -> Iterator[OpenDesk]:
    """Opens agents' sockets (logging the agent in first), and closes them all at the end."""
    tokens: dict[str, str] = {}
    with ExitStack() as sockets:
        def open_desk(agent: str, query: str | None = None, slash: str = "/") -> Desk:
            if query is None:
                if agent not in tokens:
                    tokens[agent] = agent_token(client, container, agent)
                query = f"?token={tokens[agent]}"
            url = f"/ws/admin/chat{slash}{query}"
            return Desk(sockets.enter_context(client.websocket_connect(url)))

        yield open_desk
