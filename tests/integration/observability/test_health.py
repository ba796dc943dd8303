"""/healthz says the process is up; /readyz whether the database and Redis answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.settings import Settings
from tests.integration.api.conftest import make_settings
from tests.servers import free_port


def test_a_running_instance_is_alive_and_ready(client: TestClient) -> None:
    for path in ("/healthz", "/healthz/"):
        assert client.get(path).json() == {"status": "ok"}
    for path in ("/readyz", "/readyz/"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (200, {"status": "ready"})


@pytest.fixture
def unreachable_postgres(tmp_path: Path) -> Iterator[TestClient]:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere"
    with TestClient(create_app(make_settings("postgres", tmp_path, url))) as client:
        yield client


def test_an_unreachable_database_makes_the_instance_unready_but_alive(
        unreachable_postgres: TestClient) -> None:
    response = unreachable_postgres.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["error"]["code"] == "unavailable"
    assert unreachable_postgres.get("/healthz").status_code == 200


def redis_settings(tmp_path: Path, redis_url: str) -> Settings:
    settings = make_settings("sqlite", tmp_path)
    return settings.model_copy(update={"redis_url": redis_url})


def test_an_unreachable_redis_makes_the_instance_unready(tmp_path: Path) -> None:
    settings = redis_settings(tmp_path, f"redis://127.0.0.1:{free_port()}/0")
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "redis" in response.json()["failed"]
    assert "database" not in response.json()["failed"]


@pytest.mark.redis
def test_a_reachable_redis_and_database_make_it_ready(tmp_path: Path, redis_url: str) -> None:
    with TestClient(create_app(redis_settings(tmp_path, redis_url))) as client:
        for _ in range(50):  # the pub/sub subscription may still be connecting
            response = client.get("/readyz")
            if response.status_code == 200:
                break
            anyio.run(anyio.sleep, 0.1)
        assert (response.status_code, response.json()) == (200, {"status": "ready"})
