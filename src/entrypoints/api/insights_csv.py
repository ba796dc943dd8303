"""Reports and gaps as CSV, one figure or group a row; the caller adds the byte order mark
Excel needs to read UTF-8 (Persian) correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from application.insights.gaps import Gap
from application.insights.stats import Stats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """Visitors' words are data: a text a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()


def stats_csv(stats: Stats) -> str:
    rows: list[Sequence[object]] = [
        ("figure", "value"),
        ("since", stats.since.isoformat()), ("until", stats.until.isoformat()),
        ("conversations", stats.conversations), ("questions", stats.questions),
        ("automation_rate", stats.automation_rate), ("person_rate", stats.person_rate),
        ("faq_answer_rate", stats.faq_answer_rate), ("ai_answer_rate", stats.ai_answer_rate),
        ("wait_seconds_p50", stats.wait_seconds.p50), ("wait_seconds_p90", stats.wait_seconds.p90),
        ("first_response_seconds_p50", stats.first_response_seconds.p50),
        ("first_response_seconds_p90", stats.first_response_seconds.p90),
        ("helpful_rate", stats.helpful_rate), ("feedback_count", stats.feedback_count),
        ("csat_average", stats.csat_average), ("csat_count", stats.csat_count),
    ]
    rows += [(f"outcome:{name}", n) for name, n in stats.outcomes.items()]
    rows += [(f"escalations:{kind}", n) for kind, n in stats.escalations.items()]
    rows += [(), ("date", "conversations", "escalations")]
    rows += [(d.date.isoformat(), d.conversations, d.escalations) for d in stats.by_day]
    return _csv(rows)


def gaps_csv(gaps: Sequence[Gap]) -> str:
    rows: list[Sequence[object]] = [("label", "count", "escalated", "keywords", "examples")]
    rows += [(g.label, g.count, g.escalated, ", ".join(g.keywords), " | ".join(g.examples))
             for g in gaps]
    return _csv(rows)
