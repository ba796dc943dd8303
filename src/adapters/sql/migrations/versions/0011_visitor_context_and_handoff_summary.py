"""Where the visitor opened the conversation, and the handoff summary, on the conversation
(issue 14, items 4 and 5).

SessionStarted v2 already carried the visitor id: it is copied from the events into the new
column, so a returning visitor's earlier conversations are found too. Nothing recorded
before this revision has a page, a user agent or a summary.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    op.add_column("rm_sessions", sa.Column("visitor_id", sa.String(64)))
    op.add_column("rm_sessions", sa.Column("page_url", sa.Text()))
    op.add_column("rm_sessions", sa.Column("referrer", sa.Text()))
    op.add_column("rm_sessions", sa.Column("locale", sa.String(35)))
    op.add_column("rm_sessions", sa.Column("user_agent", sa.Text()))
    op.add_column("rm_sessions", sa.Column("summary", sa.Text()))
    op.create_index("ix_rm_sessions_visitor_id", "rm_sessions", ["visitor_id"])
    _copy_visitor_ids()


def _copy_visitor_ids() -> None:
    events = sa.table("events", sa.column("position", sa.BigInteger()),
                      sa.column("stream_id", sa.String()), sa.column("type", sa.String()),
                      sa.column("data", sa.JSON()))
    sessions = sa.table("rm_sessions", sa.column("session_key", sa.String()),
                        sa.column("visitor_id", sa.String()))
    conn = op.get_bind()
    after = 0
    while True:
        rows = conn.execute(
            sa.select(events.c.position, events.c.data)
            .where(events.c.type == "SessionStarted", events.c.position > after)
            .order_by(events.c.position).limit(BATCH)).all()
        if not rows:
            return
        after = rows[-1].position
        found: list[dict[str, Any]] = [
            {"key_": row.data["session_key"], "visitor_id": row.data["visitor_id"]}
            for row in rows if isinstance(row.data, dict) and row.data.get("visitor_id")]
        if found:
            conn.execute(sessions.update().where(sessions.c.session_key == sa.bindparam("key_"))
                         .values(visitor_id=sa.bindparam("visitor_id")), found)


def downgrade() -> None:
    op.drop_index("ix_rm_sessions_visitor_id", table_name="rm_sessions")
    with op.batch_alter_table("rm_sessions") as batch:
        for column in ("summary", "user_agent", "locale", "referrer", "page_url",
                       "visitor_id"):
            batch.drop_column(column)
