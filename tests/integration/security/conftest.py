"""Apps with the limits turned down so tests reach them, on in-memory storage (the limits
do not depend on the store), talking to a client at a chosen address."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.app import create_app
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.api.conftest import SECRET
from tests.integration.api.support import in_app

PROXY = "10.0.0.2"  # the trusted proxy of these tests
VISITOR = "203.0.113.7"
PASSWORD = "security-tests-password"

Started = tuple[TestClient, Container]
Start = Callable[..., Started]


def settings_with(**overrides: Any) -> Settings:
    return Settings(_env_file=None, storage="memory", secret_key=SECRET,  # type: ignore[call-arg]
                    env="development", log_level="WARNING", **overrides)


@pytest.fixture
def start() -> Iterator[Start]:
    """start(peer=..., **settings) -> (client, container); everything stops at the end."""
    with ExitStack() as running:
        def start_app(peer: str = VISITOR, **overrides: Any) -> Started:
            container = create_container(settings_with(**overrides))
            client = TestClient(create_app(container), client=(peer, 50000))
            running.enter_context(client)
            return client, container

        yield start_app


def add_agent(client: TestClient, container: Container, username: str) -> None:
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
           container.clock(), username, PASSWORD)


def via(address: str) -> dict[str, str]:
    """What a trusted proxy adds for a client at address."""
    return {"X-Forwarded-For": address}
