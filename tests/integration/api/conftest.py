"""The app under test, on in-memory storage and on a fresh SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from application.auth import register_agent
from entrypoints.app import create_app
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.api.support import API, Connect, Socket, in_app

SECRET = "integration-tests-signing-secret-0123456789"
ADMIN = "admin"
ADMIN_PASSWORD = "correct horse battery staple"


def make_settings(storage: str, tmp_path: Path, url: str | None = None) -> Settings:
    common = {"_env_file": None, "secret_key": SECRET, "env": "development",
              "log_level": "WARNING"}
    if storage == "memory":
        return Settings(storage="memory", **common)  # type: ignore[arg-type]
    url = url or f"sqlite:///{tmp_path / 'pasokh.db'}"
    return Settings(storage="auto", database_url=url, **common)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def migrated_postgres(postgres_url: str) -> str:
    from adapters.sql.migrate import upgrade

    upgrade(postgres_url)
    return postgres_url


def emptied(url: str) -> str:
    """The same database with every table emptied, so each test starts from nothing."""
    import psycopg

    from adapters.sql.tables import metadata

    names = ", ".join(table.name for table in metadata.sorted_tables)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {names} RESTART IDENTITY")
    return url


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "postgres":
        url = emptied(request.getfixturevalue("migrated_postgres"))
        return make_settings("postgres", tmp_path, url)
    return make_settings(request.param, tmp_path)


@pytest.fixture
def container(settings: Settings) -> Container:
    return create_container(settings)


@pytest.fixture
def app(container: Container) -> FastAPI:
    return create_app(container)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def admin_token(client: TestClient, container: Container) -> str:
    in_app(client, register_agent, container.agent_accounts(), container.password_hasher(),
                       container.clock(), ADMIN, ADMIN_PASSWORD)
    response = client.post(f"{API}/auth/login/",
                           json={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def connect(client: TestClient) -> Iterator[Connect]:
    """Opens visitor sockets, and closes them all before the app stops."""
    with ExitStack() as sockets:
        def open_socket(key: str, query: str = "", slash: str = "/") -> Socket:
            url = f"/ws/chat/{key}{slash}{query}"
            return Socket(sockets.enter_context(client.websocket_connect(url)))

        yield open_socket
