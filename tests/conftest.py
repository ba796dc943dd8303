"""Fixtures shared by every test tier: real PostgreSQL and Redis when reachable.

Outside CI an unreachable server skips the tests that need it, with the reason; under
CI=true it fails them, so a green CI run always exercised the real servers.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Every log line of the run is kept in artifacts/ and scanned for secrets at the end.
from tests.secret_logs import (  # noqa: F401 - fixtures and hooks of this conftest
    pytest_runtest_logreport,
    pytest_sessionfinish,
    secret_log,
)

if TYPE_CHECKING:
    from tests.integration.openai.fake_server import FakeOpenAIServer

POSTGRES_ADMIN_URL = os.environ.get(
    "PASOKH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_TEST_URL = os.environ.get("PASOKH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


# CI replays the same examples every run, so a red build is reproducible; developers'
# runs stay random and keep exploring.
# On a loaded machine (two cores shared with servers and browsers) generating examples can be
# slow; that says nothing about the code under test, so the "too slow" health check is off.
hypothesis_settings.register_profile("shared-machine",
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("ci", parent=hypothesis_settings.get_profile(
    "shared-machine"), derandomize=True, print_blob=True)
hypothesis_settings.load_profile(
    "ci" if os.environ.get("CI", "").lower() == "true" else "shared-machine")


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: required services must be reachable)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test run, dropped afterwards."""
    import psycopg

    name = f"pasokh_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def running_openai_server() -> Iterator[FakeOpenAIServer]:
    """One local OpenAI-compatible server for the whole run; reset it before use."""
    from tests.integration.openai.fake_server import FakeOpenAIServer

    server = FakeOpenAIServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis at {REDIS_TEST_URL} is unreachable: {error}")
    finally:
        client.close()
    return REDIS_TEST_URL
