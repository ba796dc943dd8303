"""Events table, read-model tables and agent accounts.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  primary_key=True, autoincrement=True),
        sa.Column("stream_id", sa.String(255), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("metadata", JSON, nullable=False),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "rm_sessions",
        sa.Column("session_key", sa.String(255), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("agent", sa.String(255)),
        sa.Column("escalation_reason", sa.Text()),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("last_message", sa.Text()),
        sa.Column("last_visitor_message", sa.Text()),
    )
    op.create_table(
        "rm_messages",
        sa.Column("session_key", sa.String(255), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(255), nullable=False),
        sa.Column("sender", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(20)),
        sa.Column("faq_id", sa.String(255)),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("client_id", sa.String(255)),
        sa.Column("agent", sa.String(255)),
        sa.UniqueConstraint("session_key", "sender", "client_id",
                            name="uq_rm_messages_client_id"),
    )
    op.create_table(
        "rm_faqs",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("keywords", JSON, nullable=False),
        sa.Column("category", sa.String(255), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("ord", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "rm_queue",
        sa.Column("session_key", sa.String(255), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("enqueued_at", TIME, nullable=False),
        sa.Column("ord", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "rm_checkpoints",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "agents",
        sa.Column("username", sa.String(255), primary_key=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("display_name", sa.String(255), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )


def downgrade() -> None:
    for table in ("agents", "rm_checkpoints", "rm_queue", "rm_faqs", "rm_messages",
                  "rm_sessions", "events"):
        op.drop_table(table)
