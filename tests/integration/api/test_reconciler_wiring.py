"""The app's lifespan runs the reconciler, which repairs what a crash left while the app
serves; PASOKH_RECONCILE_* configure it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from application import commands as c
from application.messagebus import MessageBus
from entrypoints.app import create_app
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings
from tests.integration.api.conftest import make_settings

DEADLINE_SECONDS = 20


def passes(container: Container) -> float:
    return float(container.metrics().reconciler_passes.labels("ok")._value.get())


def test_a_question_committed_without_its_policy_is_answered_by_the_running_app(
        tmp_path: Path) -> None:
    settings = make_settings("memory", tmp_path).model_copy(
        update={"reconcile_interval_seconds": 0.05, "reconcile_grace_seconds": 0.0})
    container = create_container(settings)
    with TestClient(create_app(container)) as client:
        key = client.post("/chat/api/sessions/").json()["session_key"]
        crashed = MessageBus(container.services(), container.uow_factory(), event_handlers={})
        client.portal.call(crashed.handle, c.PostVisitorMessage(key, "is there parking?"))
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            senders = [m["sender"] for m in
                       client.get(f"/chat/api/history/{key}/").json()["messages"]]
            if senders != ["user"]:
                break
            time.sleep(0.05)
        assert senders == ["user", "bot"]
        assert container.metrics().reconciler_repairs.labels("answer")._value.get() == 1
        assert passes(container) >= 1


def test_the_interval_and_grace_come_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASOKH_RECONCILE_INTERVAL", "2.5")
    monkeypatch.setenv("PASOKH_RECONCILE_GRACE_SECONDS", "90")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.reconcile_interval_seconds, settings.reconcile_grace_seconds) == (2.5, 90)


@pytest.mark.parametrize(("name", "value"), [("PASOKH_RECONCILE_INTERVAL", "0"),
                                             ("PASOKH_RECONCILE_INTERVAL", "soon"),
                                             ("PASOKH_RECONCILE_GRACE_SECONDS", "-1")])
def test_nonsense_reconcile_settings_are_refused(monkeypatch: pytest.MonkeyPatch, name: str,
                                                 value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_defaults_leave_slow_answers_to_the_live_policy(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PASOKH_RECONCILE_INTERVAL", "PASOKH_RECONCILE_GRACE_SECONDS",
                 "OPENAI_TOTAL_TIMEOUT_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.reconcile_interval_seconds == 5
    assert settings.reconcile_grace_seconds > settings.openai_total_timeout_seconds
