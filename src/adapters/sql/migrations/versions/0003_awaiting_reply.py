"""What the reconciler looks for: sessions whose visitor waits for the bot, queued sessions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AWAITING_REPLY = "status = 'bot' AND unanswered > 0"
QUEUED = "status = 'queued'"

_COUNT = ("(SELECT count(*) FROM rm_messages m "
          "WHERE m.session_key = rm_sessions.session_key AND m.sender = '{}')")
_OWED = f"{_COUNT.format('user')} - {_COUNT.format('bot')}"

# Only sessions still with the bot need the counts: for the others they are never read.
BACKFILL = f"""
UPDATE rm_sessions SET
  last_visitor_at = (SELECT max(m.created_at) FROM rm_messages m
                     WHERE m.session_key = rm_sessions.session_key AND m.sender = 'user'),
  unanswered = CASE WHEN {_OWED} > 0 THEN {_OWED} ELSE 0 END
WHERE status = 'bot'
"""


def upgrade() -> None:
    op.add_column("rm_sessions", sa.Column("last_visitor_at", sa.DateTime(timezone=True)))
    op.add_column("rm_sessions", sa.Column("unanswered", sa.Integer(), nullable=False,
                                           server_default="0"))
    op.execute(BACKFILL)
    op.create_index("ix_rm_sessions_queued", "rm_sessions", ["session_key"],
                    postgresql_where=sa.text(QUEUED), sqlite_where=sa.text(QUEUED))
    op.create_index("ix_rm_sessions_awaiting_reply", "rm_sessions", ["last_visitor_at"],
                    postgresql_where=sa.text(AWAITING_REPLY), sqlite_where=sa.text(AWAITING_REPLY))


def downgrade() -> None:
    op.drop_index("ix_rm_sessions_awaiting_reply", "rm_sessions")
    op.drop_index("ix_rm_sessions_queued", "rm_sessions")
    with op.batch_alter_table("rm_sessions") as batch:
        batch.drop_column("unanswered")
        batch.drop_column("last_visitor_at")
