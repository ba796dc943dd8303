"""Whether each bot message helped, and each conversation's rating (issue 15).

New columns only: no event recorded before this revision gives feedback or a rating, so
nothing needs filling in.

Revision ID: 0006
Revises: 0005 (a 0005 of another branch, when merged first, goes in between)
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rm_messages", sa.Column("helpful", sa.Boolean()))
    op.add_column("rm_sessions", sa.Column("rating_score", sa.Integer()))
    op.add_column("rm_sessions", sa.Column("rating_comment", sa.Text()))
    op.add_column("rm_sessions", sa.Column("rated_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("rm_sessions") as batch:
        batch.drop_column("rated_at")
        batch.drop_column("rating_comment")
        batch.drop_column("rating_score")
    with op.batch_alter_table("rm_messages") as batch:
        batch.drop_column("helpful")
