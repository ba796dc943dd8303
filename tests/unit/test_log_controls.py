"""Control characters never reach a development log line raw (ESC, BEL, NUL, a newline
that would forge a line): they are written as visible escapes."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import logging
import structlog
from entrypoints.logging import configure_logging
configure_logging("development", "INFO")
structlog.get_logger("pasokh.http").info("request", path="/x\x1b[2J\x07\x00y\nFAKE line")
logging.getLogger("uvicorn.error").warning("bad path /a\x1bb\x85c")
try:
    raise ValueError("boom")
except ValueError:
    structlog.get_logger("t").exception("failed")
"""


def test_control_characters_are_escaped_in_the_development_log() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, check=True,
                          env={"NO_COLOR": "1", "PATH": ""})
    text = done.stderr.decode("utf-8")
    lines = text.splitlines()
    request = next(line for line in lines if "request" in line)
    assert "x1b[2J" in request and "\x1b[2J" not in request  # shown, never run
    assert not any(line.startswith("FAKE") for line in lines)
    assert "/a\\x1bb\\x85c" in text
    for char in ("\x00", "\x07", "\x85"):
        assert char not in text
    assert "Traceback (most recent call last):\n" in text  # tracebacks keep their lines


def test_escaping_leaves_ordinary_text_alone() -> None:
    from entrypoints.logging import escape_controls

    event = {"event": "سلام hello", "n": 3, "exception": "Traceback\n  line\tx\x1b"}
    assert escape_controls(None, "info", dict(event)) == {
        "event": "سلام hello", "n": 3, "exception": "Traceback\n  line\tx\\x1b"}
