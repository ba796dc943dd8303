"""The installed `pasokh` command moves a catalog between two SQLite databases."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.cli.support import run_pasokh


def test_the_console_script_exports_and_imports_a_catalog(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'first.db'}", f"sqlite:///{tmp_path / 'second.db'}"
    assert run_pasokh(first, tmp_path, "faqs", "seed").returncode == 0
    for suffix in ("csv", "json"):
        exported = run_pasokh(first, tmp_path, "faqs", "export", f"first.{suffix}")
        assert exported.returncode == 0, exported.stderr
    imported = run_pasokh(second, tmp_path, "faqs", "import", "first.csv")
    assert imported.returncode == 0, imported.stderr
    count = len(json.loads((tmp_path / "first.json").read_text("utf-8")))
    assert f"{count} added, 0 updated, 0 unchanged" in imported.stdout
    again = run_pasokh(second, tmp_path, "faqs", "import", "first.json")
    assert f"0 added, 0 updated, {count} unchanged" in again.stdout
    for suffix in ("csv", "json"):
        assert run_pasokh(second, tmp_path, "faqs", "export", f"second.{suffix}").returncode == 0
        second_file = (tmp_path / f"second.{suffix}").read_bytes()
        assert second_file == (tmp_path / f"first.{suffix}").read_bytes()


def test_the_console_script_refuses_a_bad_file_and_an_unknown_format(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'site.db'}"
    (tmp_path / "bad.csv").write_text(
        "id,question,answer,keywords,category,priority,active\n"
        ",Q?,A.,,,,\n,,A.,,,,\n,Q2?,A.,,,x,\n", "utf-8")
    bad = run_pasokh(database, tmp_path, "faqs", "import", "bad.csv")
    assert bad.returncode == 1
    assert "row 2, question: must not be empty\n" in bad.stderr
    assert "row 3, priority: must be a whole number, not 'x'\n" in bad.stderr
    assert "row 1" not in bad.stderr
    unknown = run_pasokh(database, tmp_path, "faqs", "export", "catalog.txt")
    assert unknown.returncode == 2
    assert "name a .json or .csv file" in unknown.stderr
    assert not (tmp_path / "catalog.txt").exists()
    exported = run_pasokh(database, tmp_path, "faqs", "export", "empty.json")
    assert (exported.returncode, (tmp_path / "empty.json").read_text("utf-8")) == (0, "[]\n")
