"""What the bot offered and cited on each message; FAQ embeddings kept between restarts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rm_messages", sa.Column("suggestions", sa.Text()))
    op.add_column("rm_messages", sa.Column("citations", sa.Text()))
    op.create_table(
        "faq_vectors",
        sa.Column("faq_id", sa.String(255), primary_key=True),
        sa.Column("model", sa.String(255), primary_key=True),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("faq_vectors")
    with op.batch_alter_table("rm_messages") as batch:
        batch.drop_column("citations")
        batch.drop_column("suggestions")
