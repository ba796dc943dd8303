"""A conversation as plain text, for the visitor to keep (issue 15, item 5)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Literal

from application.views import MessageView, SessionView

Language = Literal["en", "fa"]

_LABELS: dict[Language, dict[str, str]] = {
    "en": {"title": "Conversation", "started": "Started", "user": "You", "bot": "Assistant",
           "agent": "Support agent", "system": "Notice", "empty": "(no messages)"},
    "fa": {"title": "گفتگو", "started": "آغاز", "user": "شما", "bot": "دستیار",
           "agent": "کارشناس پشتیبانی", "system": "اطلاعیه", "empty": "(پیامی نیست)"},
}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _speaker(message: MessageView, labels: Mapping[str, str],
             names: Mapping[str, str]) -> str:
    if message.sender == "agent" and message.agent:
        return names.get(message.agent, message.agent)
    return labels.get(message.sender, message.sender)


def transcript(view: SessionView, language: Language = "en",
               names: Mapping[str, str] | None = None) -> str:
    """Every message the visitor can see, oldest first, each with its time (UTC) and who
    wrote it (agents by display name); lines of a message after its first are indented."""
    labels, names = _LABELS[language], names or {}
    lines = [f"{labels['title']} {view.session_key[:8]}",
             f"{labels['started']}: {_stamp(view.started_at)}", ""]
    for message in view.messages:
        first, *rest = message.text.splitlines() or [""]
        lines.append(f"[{_stamp(message.created_at)}] {_speaker(message, labels, names)}: "
                     f"{first}")
        lines.extend(f"    {line}" for line in rest)
    if not view.messages:
        lines.append(labels["empty"])
    return "\n".join(lines) + "\n"


def transcript_filename(view: SessionView) -> str:
    return f"conversation-{view.started_at.astimezone(UTC):%Y-%m-%d}-{view.session_key[:8]}.txt"
