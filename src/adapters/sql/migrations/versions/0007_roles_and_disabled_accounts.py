"""Accounts have a role (admin or agent) and can be disabled (issue 14).

Every account made before this revision was made by `pasokh create-admin`, the only way to
make one, so existing accounts become admins; all of them stay active.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agents", sa.Column("role", sa.String(16), nullable=False,
                                      server_default="admin"))
    op.add_column("agents", sa.Column("active", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.drop_column("active")
        batch.drop_column("role")
