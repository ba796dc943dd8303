"""Fixtures borrowed from the other tiers: the app on each storage, and a database of its own."""

from tests.integration.api.conftest import (
    app,
    client,
    connect,
    container,
    migrated_postgres,
    settings,
)
from tests.integration.multi_instance.conftest import fresh_database

__all__ = ["app", "client", "connect", "container", "fresh_database", "migrated_postgres",
           "settings"]
