"""The schema: one append-only events table, the read-model tables, and agent accounts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from domain.chat_session import SessionStatus


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: times must carry a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONDocument: Any = JSON().with_variant(JSONB(), "postgresql")
Position: Any = BigInteger().with_variant(Integer(), "sqlite")  # INTEGER PK is the ROWID

metadata = MetaData()

events = Table(
    "events", metadata,
    Column("position", Position, primary_key=True, autoincrement=True),
    Column("stream_id", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Column("type", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", JSONDocument, nullable=False),
    Column("metadata", JSONDocument, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
    sqlite_autoincrement=True,
)

rm_sessions = Table(
    "rm_sessions", metadata,
    Column("session_key", String(255), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("agent", String(255)),
    Column("escalation_reason", Text),
    Column("started_at", UTCDateTime, nullable=False),
    Column("last_message", Text),
    Column("last_visitor_message", Text),
    Column("last_visitor_at", UTCDateTime),
    # visitor messages minus bot replies: above 0 while the bot owes the visitor an answer
    Column("unanswered", Integer, nullable=False, default=0, server_default="0"),
    # the visitor's rating once an agent closed the conversation (NULL: not rated)
    Column("rating_score", Integer),
    Column("rating_comment", Text),
    Column("rated_at", UTCDateTime),
    # the latest way to reach the visitor they left (NULL contact_at: none); offline: left
    # while no person could answer
    Column("contact_name", String(100)),
    Column("contact_email", String(254)),
    Column("contact_phone", String(20)),
    Column("contact_offline", Boolean),
    Column("contact_at", UTCDateTime, index=True),
    # emails owed and not yet sent (ADR 0043): above 0 for the reconciler to find
    Column("mail_owed", Integer, nullable=False, default=0, server_default="0"),
    # where the visitor opened the conversation (issue 14): their widget's id links their
    # conversations; the rest is shown beside the conversation
    Column("visitor_id", String(64), index=True),
    Column("page_url", Text),
    Column("referrer", Text),
    Column("locale", String(35)),
    Column("user_agent", Text),
    Column("summary", Text),  # the handoff summary, once it went to people (ADR 0045)
)

# The reconciler's questions (docs/reconciliation.md), each with a partial index holding only
# the few sessions that match. The conditions are written out literally, in the index and in
# the query: a planner matches a partial index to a query's condition, never to a bound
# parameter (PostgreSQL's generic plans, SQLite always).
AWAITING_REPLY = f"status = '{SessionStatus.BOT.value}' AND unanswered > 0"
QUEUED = f"status = '{SessionStatus.QUEUED.value}'"

Index("ix_rm_sessions_awaiting_reply", rm_sessions.c.last_visitor_at,
      postgresql_where=text(AWAITING_REPLY), sqlite_where=text(AWAITING_REPLY))
Index("ix_rm_sessions_queued", rm_sessions.c.session_key,
      postgresql_where=text(QUEUED), sqlite_where=text(QUEUED))

rm_messages = Table(
    "rm_messages", metadata,
    Column("session_key", String(255), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", String(255), nullable=False),
    Column("sender", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(20)),
    Column("faq_id", String(255)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("client_id", String(255)),
    Column("agent", String(255)),
    Column("suggestions", Text),  # JSON: [{"faq_id", "question"}] the bot offered, or NULL
    Column("citations", Text),  # JSON: [faq_id] an AI answer rests on, or NULL
    Column("helpful", Boolean),  # the visitor's latest word on a bot message, or NULL
    UniqueConstraint("session_key", "sender", "client_id", name="uq_rm_messages_client_id"),
)

# The agents' notes (issue 14): apart from rm_messages, which is the visitor's history.
rm_notes = Table(
    "rm_notes", metadata,
    Column("id", String(255), primary_key=True),
    Column("session_key", String(255), nullable=False, index=True),
    Column("after_seq", Integer, nullable=False),
    Column("agent", String(255), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

rm_faqs = Table(
    "rm_faqs", metadata,
    Column("id", String(255), primary_key=True),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("keywords", JSONDocument, nullable=False),
    Column("category", String(255), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("ord", BigInteger, nullable=False),
)

rm_queue = Table(
    "rm_queue", metadata,
    Column("session_key", String(255), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("enqueued_at", UTCDateTime, nullable=False),
    Column("ord", BigInteger, nullable=False),
    # from a network over its escalation limit: listed and served after the others
    Column("flood", Boolean, nullable=False, server_default=false()),
)

rm_queue_waits = Table(
    "rm_queue_waits", metadata,
    Column("ord", BigInteger, primary_key=True, autoincrement=False),
    Column("session_key", String(255), nullable=False),
    Column("waited_seconds", Float, nullable=False),
    Column("taken_at", UTCDateTime, nullable=False),
)

rm_checkpoints = Table(
    "rm_checkpoints", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

agents = Table(
    "agents", metadata,
    Column("username", String(255), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("display_name", String(255), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("role", String(16), nullable=False, server_default="admin"),
    Column("active", Boolean, nullable=False, server_default=true()),
)

# The team's saved replies (issue 14): configuration, not events, like the accounts.
canned_responses = Table(
    "canned_responses", metadata,
    Column("id", String(64), primary_key=True),
    Column("shortcut", String(64), nullable=False),
    Column("text", Text, nullable=False),
)

# FAQ embeddings by model, with a hash of the text they were computed from: a restart, or
# another instance, re-embeds only what changed (not a read model: rebuilt by `faqs reindex`).
faq_vectors = Table(
    "faq_vectors", metadata,
    Column("faq_id", String(255), primary_key=True),
    Column("model", String(255), primary_key=True),
    Column("text_hash", String(64), nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

READ_MODEL_TABLES = (rm_sessions, rm_messages, rm_notes, rm_faqs, rm_queue, rm_queue_waits,
                     rm_checkpoints)
PROJECTIONS_CHECKPOINT = "projections"
CATALOG_VERSION_CHECKPOINT = "faq_catalog_version"
