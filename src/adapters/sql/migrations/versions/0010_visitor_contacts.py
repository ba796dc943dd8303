"""The way to reach a visitor they left, on their conversation, and the emails a
conversation still owes (issue 15, items 4 and 5).

New columns only: no event recorded before this revision leaves a contact, so nothing needs
filling in.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rm_sessions", sa.Column("contact_name", sa.String(100)))
    op.add_column("rm_sessions", sa.Column("contact_email", sa.String(254)))
    op.add_column("rm_sessions", sa.Column("contact_phone", sa.String(20)))
    op.add_column("rm_sessions", sa.Column("contact_offline", sa.Boolean()))
    op.add_column("rm_sessions", sa.Column("contact_at", sa.DateTime(timezone=True)))
    op.create_index("ix_rm_sessions_contact_at", "rm_sessions", ["contact_at"])
    op.add_column("rm_sessions", sa.Column("mail_owed", sa.Integer(), nullable=False,
                                           server_default="0"))


def downgrade() -> None:
    op.drop_index("ix_rm_sessions_contact_at", table_name="rm_sessions")
    with op.batch_alter_table("rm_sessions") as batch:
        for column in ("mail_owed", "contact_at", "contact_offline", "contact_phone",
                       "contact_email", "contact_name"):
            batch.drop_column(column)
