"""The agents' notes on conversations (issue 14), a read model apart from the visitor's
messages. No event before this revision is a note: nothing to fill in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_notes",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("session_key", sa.String(255), nullable=False),
        sa.Column("after_seq", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_rm_notes_session_key", "rm_notes", ["session_key"])


def downgrade() -> None:
    op.drop_index("ix_rm_notes_session_key", "rm_notes")
    op.drop_table("rm_notes")
