"""Every log line of a test run is kept and scanned for secrets; a secret found fails the run.

Kept, in artifacts/test-logs.txt: every stdlib and structlog record (rendered by Pasokh's own
handler when it is configured, so exactly what would be written), the output each test
captured, and, at the end, the log files of the servers the tests started (under the run's
temporary folder). Records of INFO and above are kept even when a test asked for WARNING:
the root logger's level is held at INFO at most, while Pasokh's own handler keeps the level
the test asked for, so what tests see on stderr is unchanged.

Secrets searched for: every password an account was given, every token-signing secret, every
configured OpenAI key and every session key this process made; and, anywhere (also
in the servers' logs), anything shaped like a JWT, a bearer token, an `sk-` API key or a
socket or history path holding a whole session key.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACT = Path("artifacts") / "test-logs.txt"
MIN_SECRET_LENGTH = 8
SHAPES = {
    "a JWT": re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    "a bearer token": re.compile(r"(?i)\bbearer\s+(?!\[redacted\])[A-Za-z0-9._~+/-]{8,}"),
    "an API key": re.compile(r"\bsk-[A-Za-z0-9_-]{4,}"),
    "a whole session key in a path": re.compile(r"(/ws/chat/|/history/)[A-Za-z0-9_-]{16,}"),
}


class RunLog:
    def __init__(self) -> None:
        self.secrets: set[str] = set()
        self.chunks: list[str] = []
        self.server_logs: Path | None = None

    def remember(self, value: object) -> None:
        plain = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        if isinstance(plain, str) and len(plain) >= MIN_SECRET_LENGTH:
            self.secrets.add(plain)

    def write(self, text: str) -> None:
        self.chunks.append(text if text.endswith("\n") else text + "\n")

    def gather(self) -> str:
        if self.server_logs is not None:
            for path in sorted(self.server_logs.rglob("*.log")):
                self.write(f"==> {path.name}\n{path.read_text('utf-8', errors='replace')}")
        return "".join(self.chunks)

    def findings(self, text: str) -> list[str]:
        found = []
        for number, line in enumerate(text.splitlines(), 1):
            kinds = [name for name, shape in SHAPES.items() if shape.search(line)]
            kinds += ["a known secret"] if any(s in line for s in self.secrets) else []
            if kinds:
                found.append(f"line {number} holds {' and '.join(kinds)}: {mask(line, self)}")
        return found


def mask(line: str, log: RunLog) -> str:
    for secret in log.secrets:
        line = line.replace(secret, "<secret>")
    for shape in SHAPES.values():
        line = shape.sub("<secret>", line)
    return line[:300]


RUN_LOG = RunLog()


class CaptureHandler(logging.Handler):
    """Renders each record as Pasokh's handler would, or plainly before it is configured."""

    def emit(self, record: logging.LogRecord) -> None:
        pasokh = next((h for h in logging.getLogger().handlers if h.get_name() == "pasokh"),
                      None)
        try:
            formatter = pasokh.formatter if pasokh and pasokh.formatter else PLAIN
            RUN_LOG.write(formatter.format(record))
        except Exception:  # a record that cannot be rendered is kept raw, never lost
            RUN_LOG.write(f"{record.levelname} {record.name} {record.msg!r} {record.args!r}")


PLAIN = logging.Formatter("%(levelname)s %(name)s %(message)s")
# The tests' own HTTP clients log every URL they call (session keys included) at INFO. They
# are not Pasokh's lines; Pasokh's logging quiets its own HTTP client the same way.
TEST_CLIENTS = ("httpx", "httpx2", "httpcore")


def _hold_root_at_info(monkeypatch: pytest.MonkeyPatch) -> None:
    root = logging.getLogger()
    set_level = root.setLevel

    def set_root_level(level: int | str) -> None:
        number = logging.getLevelName(level) if isinstance(level, str) else level
        set_level(min(int(number), logging.INFO))
        for handler in root.handlers:
            if handler.get_name() == "pasokh":
                handler.setLevel(level)

    monkeypatch.setattr(root, "setLevel", set_root_level)
    set_root_level(root.level)


def _record_arguments(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
                      pick: Callable[[tuple[Any, ...], dict[str, Any], Any], list[Any]]) -> None:
    original = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        for value in pick(args, kwargs, result):
            RUN_LOG.remember(value)
        return result

    monkeypatch.setattr(owner, name, recording)


def _record_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Methods are looked up on their class at each call, so wrapping them here records
    every use, also through names imported before the run started."""
    import openai

    from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
    from adapters.system import SecureIds

    def argument(position: int, name: str) -> Callable[..., list[Any]]:
        return lambda args, kwargs, _: [kwargs.get(name, args[position]
                                                   if len(args) > position else None)]

    # Passwords as accounts are given them; guesses (and fuzzed logins) are not secrets.
    _record_arguments(monkeypatch, Argon2PasswordHasher, "hash", argument(1, "password"))
    _record_arguments(monkeypatch, JwtTokenIssuer, "__init__", argument(1, "secret"))
    _record_arguments(monkeypatch, SecureIds, "new_session_key", lambda a, k, key: [key])
    _record_arguments(monkeypatch, openai.AsyncOpenAI, "__init__", argument(1, "api_key"))


@pytest.fixture(scope="session", autouse=True)
def secret_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunLog]:
    RUN_LOG.server_logs = tmp_path_factory.getbasetemp()
    handler = CaptureHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _hold_root_at_info(monkeypatch)
        for client in TEST_CLIENTS:
            monkeypatch.setattr(logging.getLogger(client), "level", logging.WARNING)
        _record_secrets(monkeypatch)
        yield RUN_LOG
    root.removeHandler(handler)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # stdout and stderr only: "Captured log" is pytest's copy of the raw records, which
    # CaptureHandler already keeps as Pasokh's handler renders them.
    for title, content in report.sections:
        if title.startswith(("Captured stdout", "Captured stderr")) and content:
            RUN_LOG.write(f"==> {report.nodeid} {title}\n{content}")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    text = RUN_LOG.gather()
    artifact = session.config.rootpath / ARTIFACT
    artifact.parent.mkdir(parents=True, exist_ok=True)
    artifact.write_text(text, encoding="utf-8")
    findings = RUN_LOG.findings(text)
    if not findings:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    write = reporter.write_line if reporter else print
    write(f"SECRETS IN THE LOGS of this run ({ARTIFACT}):")
    for finding in findings[:20]:
        write(f"  {finding}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
