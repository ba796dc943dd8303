"""The end of every chaos run: what the clients were promised against what the store holds
and what each participant ended up seeing."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.chaos.participants import Agent, Participant, View, Visitor

MESSAGE_EVENTS = ("VisitorMessagePosted", "AgentMessagePosted")


@dataclass
class Report:
    sent: int = 0
    acknowledged: int = 0
    refused: int = 0  # `unavailable` error frames
    refused_messages: int = 0  # distinct messages refused at least once
    lost_in_store: list[str] = field(default_factory=list)
    lost_in_views: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    gaps: int = 0  # seqs missing from a participant's view or from the store
    questions: int = 0
    unanswered: int = 0
    unacknowledged: int = 0  # still unacknowledged after the drain
    unacknowledged_ids: list[str] = field(default_factory=list)
    database_activity: list[str] = field(default_factory=list)  # when something is stuck
    reconnects: int = 0
    resent: int = 0
    resent_acked: int = 0
    acked_on_catch_up: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def lost(self) -> int:
        return len(self.lost_in_store) + len(self.lost_in_views)

    def lines(self) -> list[str]:
        return [
            f"messages sent {self.sent}, acknowledged {self.acknowledged}, never acknowledged "
            f"{self.unacknowledged}; refused with unavailable {self.refused_messages} "
            f"({self.refused} error frames)",
            f"lost {self.lost} (store {len(self.lost_in_store)}, participants' views "
            f"{len(self.lost_in_views)}), duplicated {len(self.duplicated)}, "
            f"gaps in seq {self.gaps}",
            f"visitor questions {self.questions}, never answered by the bot {self.unanswered}",
            f"reconnects {self.reconnects}, resends of unacknowledged messages {self.resent}, "
            f"of acknowledged ones (echo lost) {self.resent_acked}, acknowledged only by the "
            f"catch-up after a reconnect {self.acked_on_catch_up}",
            f"other errors {dict(self.errors) or 'none'}",
        ] + [f"never acknowledged: {', '.join(self.unacknowledged_ids)}"] * bool(
            self.unacknowledged_ids) + [f"  database: {row}" for row in self.database_activity]


@dataclass(frozen=True)
class Stored:
    session_key: str
    seq: int
    id: str
    sender: str
    client_id: str | None


async def read_store(database_url: str) -> tuple[list[Stored], Counter[tuple[str, str]]]:
    """Every message of the read model, and how many times each (stream, client_id) was
    recorded as an event: the log is the record, the read model what clients are shown."""
    import psycopg

    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        rows = await (await conn.execute(
            "SELECT session_key, seq, id, sender, client_id FROM rm_messages "
            "ORDER BY session_key, seq")).fetchall()
        events = await (await conn.execute(
            "SELECT stream_id, data->>'client_id' FROM events WHERE type = ANY(%s) "
            "AND data->>'client_id' IS NOT NULL", [list(MESSAGE_EVENTS)])).fetchall()
    return [Stored(*row) for row in rows], Counter((stream, cid) for stream, cid in events)


async def database_activity(database_url: str) -> list[str]:
    """What the database's other sessions are doing: why a write might never finish."""
    import psycopg

    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        rows = await (await conn.execute(
            "SELECT pid, state, wait_event_type, wait_event, now() - xact_start, "
            "left(query, 100) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).fetchall()
    return [" | ".join(str(value) for value in row) for row in rows]


def audit(stored: Sequence[Stored], recorded: Counter[tuple[str, str]],
          visitors: Sequence[Visitor], agents: Sequence[Agent]) -> Report:
    report = Report()
    participants: list[Participant] = [*visitors, *agents]
    for participant in participants:
        report.sent += participant.tally.sent
        report.acknowledged += len(participant.tally.acked)
        report.refused += participant.tally.refused
        report.refused_messages += len(participant.tally.refused_ids)
        report.reconnects += participant.tally.reconnects
        report.resent += participant.tally.resent
        report.resent_acked += participant.tally.resent_acked
        report.acked_on_catch_up += participant.tally.acked_on_catch_up
        report.errors.update(participant.tally.errors)
    report.duplicated = [f"{stream} {cid} x{count}" for (stream, cid), count in recorded.items()
                         if count > 1]

    by_session: dict[str, dict[int, Stored]] = defaultdict(dict)
    for row in stored:
        by_session[row.session_key][row.seq] = row
    stored_ids = {row.id for row in stored}
    for participant in participants:
        report.lost_in_store += [f"{participant.name} {cid} {message_id}"
                                 for cid, message_id in participant.tally.acked.items()
                                 if message_id not in stored_ids]

    acked_ids = {m for p in participants for m in p.tally.acked.values()}
    for key, view, who in _views(visitors, agents):
        messages = by_session.get(key, {})
        seen = Counter(message["id"] for message in view.by_seq.values())
        report.duplicated += [f"{who} saw {mid} x{n}" for mid, n in seen.items() if n > 1]
        report.duplicated += [f"{who} saw two messages at one seq"] * view.conflicts
        report.lost_in_views += [f"{who} never saw {row.id} (seq {row.seq})"
                                 for row in messages.values()
                                 if row.id in acked_ids and row.id not in seen]
        report.gaps += len(set(range(1, view.last_seq + 1)) - set(view.by_seq))
    for messages in by_session.values():
        report.gaps += len(set(range(1, max(messages) + 1)) - set(messages))

    for visitor in visitors:
        rows = by_session.get(visitor.key, {}).values()
        asked = sum(1 for r in rows if r.sender == "user" and _is_question(r.client_id))
        answered = sum(1 for r in rows if r.sender == "bot")
        report.questions += asked
        report.unanswered += max(0, asked - answered)
    return report


def _is_question(client_id: str | None) -> bool:
    return bool(client_id) and str(client_id).rsplit("-", 1)[-1].startswith("q")


def _views(visitors: Sequence[Visitor], agents: Sequence[Agent]
           ) -> list[tuple[str, View, str]]:
    views = [(v.key, v.view, v.name) for v in visitors]
    views += [(key, view, agent.name) for agent in agents for key, view in agent.held.items()]
    return views
