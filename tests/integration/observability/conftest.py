"""The app fixtures of the API tests: memory, SQLite and PostgreSQL."""

from __future__ import annotations

from tests.integration.api.conftest import (  # noqa: F401 - fixtures used by name
    admin_token,
    app,
    client,
    connect,
    container,
    migrated_postgres,
    settings,
)

