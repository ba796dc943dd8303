"""The hexagon's rules: the domain imports only the standard library, the application no adapter,
the entrypoints no database exception (ADR 0049)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
STDLIB = set(sys.stdlib_module_names)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_domain_imports_only_the_standard_library_and_itself(path: Path) -> None:
    foreign = [n for n in _imports(path) if n not in STDLIB and n not in {"domain", "__future__"}]
    assert foreign == [], f"{path.relative_to(SRC)} imports {foreign}"


@pytest.mark.parametrize("path", _modules("application"), ids=lambda p: p.name)
def test_application_imports_no_adapter_or_framework(path: Path) -> None:
    allowed = STDLIB | {"domain", "application", "__future__"}
    foreign = [n for n in _imports(path) if n not in allowed]
    assert foreign == [], f"{path.relative_to(SRC)} imports {foreign}"


def _dotted_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


@pytest.mark.parametrize("path", _modules("entrypoints"), ids=lambda p: p.name)
def test_entrypoints_hear_outages_as_the_ports_storage_unavailable(path: Path) -> None:
    """The SQL adapter raises StorageUnavailable for every outage (ADR 0049): no entrypoint
    needs its classifier, nor the database libraries' exceptions."""
    foreign = [n for n in _dotted_imports(path)
               if n == "adapters.sql.outages" or n.split(".")[0] in {"sqlalchemy", "psycopg"}]
    assert foreign == [], f"{path.relative_to(SRC)} imports {foreign}"


def test_the_scan_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom adapters.memory import x\n", encoding="utf-8")
    assert _imports(bad) == ["sqlalchemy", "adapters"]
    worse = tmp_path / "worse.py"
    worse.write_text("from adapters.sql import outages\n", encoding="utf-8")
    assert "adapters.sql.outages" in _dotted_imports(worse)
