"""How long the sessions taken from the queue waited, for the visitors' estimated wait.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_queue_waits",
        sa.Column("ord", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("session_key", sa.String(255), nullable=False),
        sa.Column("waited_seconds", sa.Float(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rm_queue_waits")
