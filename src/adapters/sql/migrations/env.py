"""Alembic environment: runs on the connection that adapters.sql.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from adapters.sql.tables import metadata

target_metadata = metadata


def run_migrations_online(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through adapters.sql.migrate.upgrade(url)")
run_migrations_online(connection)
