"""The run-wide log scan (tests/secret_logs.py) really fails a run that logs a secret."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CONFTEST = """
from tests.secret_logs import pytest_runtest_logreport, pytest_sessionfinish, secret_log
"""
HASHED = """
import logging

from adapters.security import Argon2PasswordHasher

def test_it(tmp_path):
    Argon2PasswordHasher(memory_cost=8, time_cost=1).hash("a-password-from-a-test")
    logging.getLogger().setLevel("WARNING")  # as the app's tests ask; INFO is still kept
    logging.getLogger("leaky").info("%s", {LINE!r})
"""
SERVER_LOG = """
def test_it(tmp_path):
    (tmp_path / "server.log").write_text({LINE!r})
"""


def run(tmp_path: Path, test: str, line: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_child.py").write_text(test.replace("{LINE!r}", repr(line)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    # The child's temporary files stay out of this run's temporary folder (whose logs this
    # run scans) and out of pytest's shared numbering (which would prune this run's folder).
    basetemp = Path(tempfile.mkdtemp(prefix="secret-scan-"))
    try:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
             str(tmp_path), "--basetemp", str(basetemp / "t"), str(tmp_path / "test_child.py")],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(basetemp, ignore_errors=True)


@pytest.mark.parametrize(("test", "line"), [
    (HASHED, "the agent typed a-password-from-a-test"),
    (SERVER_LOG, 'INFO "WebSocket /ws/admin/chat/?token=eyJhbGciOiJIUzI1NiJ9.'
                 'eyJzdWIiOiJzYXJhIn0.c2lnbmF0dXJlLWhlcmU" [accepted]'),
], ids=["a password in a record", "a token in a server's log"])
def test_a_run_that_logs_a_secret_fails(tmp_path: Path, test: str, line: str) -> None:
    child = run(tmp_path, test, line)
    assert child.returncode == 1, child.stdout + child.stderr
    assert "1 passed" in child.stdout
    assert "SECRETS IN THE LOGS" in child.stdout
    assert "a-password-from-a-test" not in child.stdout  # the report masks what it found
    assert line in (tmp_path / "artifacts" / "test-logs.txt").read_text()


def test_a_run_that_logs_no_secret_passes(tmp_path: Path) -> None:
    child = run(tmp_path, HASHED, "the agent logged in")
    assert child.returncode == 0, child.stdout + child.stderr
    assert "the agent logged in" in (tmp_path / "artifacts" / "test-logs.txt").read_text()
