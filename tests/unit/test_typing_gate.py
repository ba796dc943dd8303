"""Typing is relayed at most once per TYPING_INTERVAL_SECONDS, per conversation and side."""

from __future__ import annotations

import pytest

from entrypoints.ws import typing_gate
from entrypoints.ws.typing_gate import TYPING_INTERVAL_SECONDS, typing_due


def test_the_first_typing_is_relayed_then_again_only_after_the_interval(
        monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(typing_gate, "monotonic", lambda: now[0])
    relayed = typing_due(None)
    assert relayed == 100.0
    now[0] += TYPING_INTERVAL_SECONDS / 2
    assert typing_due(relayed) is None
    now[0] = relayed + TYPING_INTERVAL_SECONDS
    assert typing_due(relayed) == now[0]

