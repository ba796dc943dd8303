"""The handoff summary: a short text telling the agent what the visitor wants, so nobody
has to scroll the whole conversation before answering."""

from __future__ import annotations

from collections.abc import Sequence

MAX_SUMMARY_LENGTH = 280
LAST_VISITOR_MESSAGES = 3
BY_MODEL = "model"
BY_CONVERSATION = "conversation"


def trimmed(text: str, limit: int = MAX_SUMMARY_LENGTH) -> str:
    """One line, at most `limit` characters, cut at a word when it is too long."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1].rsplit(" ", 1)[0] or line[:limit - 1]
    return cut.rstrip(" ,.;:،؛") + "…"


def conversation_summary(reason: str | None, visitor_texts: Sequence[str]) -> str:
    """Built without a model: why it escalated, then the visitor's last few messages,
    oldest first (the latest usually says what they still want)."""
    said = " / ".join(" ".join(t.split()) for t in visitor_texts[-LAST_VISITOR_MESSAGES:])
    head = f"[{reason}]" if reason else ""
    return trimmed(f"{head} {said}".strip() or head)
