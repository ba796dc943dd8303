"""The `pasokh` command: accounts, the sample catalog, migrations and projection rebuilds."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.cli import main
from entrypoints.container import Container, create_container
from entrypoints.progress import ProgressBar
from tests.integration.api.conftest import SECRET, make_settings
from tests.integration.api.support import API

PASOKH = str(Path(sys.executable).parent / "pasokh")
SEEDED = json.loads(resources.files("entrypoints.seed").joinpath("clinic_faqs.json")
                    .read_text("utf-8"))


def run_main(container: Container, monkeypatch: pytest.MonkeyPatch, *argv: str,
             stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(list(argv), container=container)


def login(client: TestClient, username: str, password: str) -> int:
    response = client.post(f"{API}/auth/login/",
                           json={"username": username, "password": password})
    return response.status_code


def test_create_admin_makes_an_account_that_can_log_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    container = create_container(make_settings("memory", tmp_path))
    assert run_main(container, monkeypatch, "create-admin", "sara", "--password-stdin",
                    "--display-name", "Sara K.", stdin="a long enough secret\n") == 0
    assert "sara" in capsys.readouterr().out
    with TestClient(create_app(container)) as client:
        assert login(client, "sara", "a long enough secret") == 200
        assert login(client, "sara", "a long enough secret\n") == 401


def test_create_admin_refuses_weak_passwords_and_duplicates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    container = create_container(make_settings("memory", tmp_path))
    for weak, why in [("short\n", "at least 12 characters"),
                      ("aaaaaaaaaaaa\n", "different characters"),  # 12 a's
                      ("password1234\n", "common passwords"),
                      ("Qwertyuiop12\n", "common passwords")]:
        assert run_main(container, monkeypatch, "create-admin", "sara", "--password-stdin",
                        stdin=weak) == 1
        assert why in capsys.readouterr().err
    assert run_main(container, monkeypatch, "create-admin", "sara", "--password-stdin",
                    stdin="a long enough secret\n") == 0
    assert run_main(container, monkeypatch, "create-admin", "sara", "--password-stdin",
                    stdin="another long secret\n") == 1
    assert "already exists" in capsys.readouterr().err


def test_seeding_adds_the_clinic_catalog_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    container = create_container(make_settings("memory", tmp_path))
    assert run_main(container, monkeypatch, "faqs", "seed") == 0
    assert f"added {len(SEEDED)} FAQs" in capsys.readouterr().out
    assert run_main(container, monkeypatch, "faqs", "seed") == 0
    assert "added 0 FAQs" in capsys.readouterr().out
    with TestClient(create_app(container)) as client:
        listed = client.get(f"{API}/faqs/").json()
    assert sorted(f["question"] for f in listed) == sorted(f["question"] for f in SEEDED)
    assert [f["priority"] for f in listed] == sorted((f["priority"] for f in listed),
                                                     reverse=True)


def test_the_sample_catalog_is_a_bilingual_clinic_catalog() -> None:
    persian = [f for f in SEEDED if any("\u0600" <= ch <= "\u06ff" for ch in f["question"])]
    assert 25 <= len(SEEDED) <= 40
    assert 10 <= len(persian) <= len(SEEDED) - 10
    assert all(f["keywords"] and f["category"] and isinstance(f["priority"], int)
               for f in SEEDED)
    assert len({f["question"] for f in SEEDED}) == len(SEEDED)


def pasokh(env: dict[str, str], cwd: Path, *argv: str, stdin: str = "") -> Any:
    return subprocess.run([PASOKH, *argv], input=stdin, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120, check=False)


def sqlite_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
            "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": SECRET}


def test_the_console_script_works_on_sqlite(tmp_path: Path) -> None:
    env = sqlite_env(tmp_path)
    assert pasokh(env, tmp_path, "migrate").returncode == 0
    created = pasokh(env, tmp_path, "create-admin", "omid", "--password-stdin",
                     stdin="another good secret\n")
    assert created.returncode == 0, created.stderr
    assert pasokh(env, tmp_path, "faqs", "seed").returncode == 0
    rebuilt = pasokh(env, tmp_path, "projections", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"from {len(SEEDED)} events" in rebuilt.stdout
    settings = make_settings("sqlite", tmp_path).model_copy(
        update={"database_url": env["DATABASE_URL"]})
    with TestClient(create_app(create_container(settings))) as client:
        assert login(client, "omid", "another good secret") == 200
        assert len(client.get(f"{API}/faqs/").json()) == len(SEEDED)


def test_python_dash_m_entrypoints_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "entrypoints", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    for command in ("serve", "migrate", "projections", "faqs", "create-admin"):
        assert command in result.stdout


def test_the_progress_bar_shows_only_on_long_runs() -> None:
    short, long = io.StringIO(), io.StringIO()
    for done in range(0, 101, 10):
        ProgressBar(short)(done, 100)
    bar = ProgressBar(long)
    for done in range(0, 5001, 500):
        bar(done, 5000)
    assert short.getvalue() == ""
    assert long.getvalue().endswith("[##############################] 100% 5000/5000 events\n")
    assert "50% 2500/5000" in long.getvalue()
