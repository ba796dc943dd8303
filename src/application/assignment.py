"""Automatic assignment (CHAT_ASSIGNMENT=auto): what a pass needs besides the read models."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports import AgentAccounts, AgentPresence, AssignmentBoard


@dataclass(frozen=True)
class AutoAssignment:
    presence: AgentPresence  # who is online, on any instance
    board: AssignmentBoard  # one pass at a time, and who is idle longest
    accounts: AgentAccounts  # the display name the visitor is told
