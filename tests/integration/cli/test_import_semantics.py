"""What an import does to a catalog that already holds FAQs: update, add, keep, remove."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from application import commands as c
from application.faq.import_plan import ImportPlan, plan_import
from domain.faq import FAQ, FAQContent
from entrypoints.faq import tasks as faq_tasks
from tests.integration.cli.conftest import MakeSite
from tests.integration.cli.support import Site


def write_json(path: Path, faqs: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(faqs, ensure_ascii=False), "utf-8")
    return path


def by_id(site: Site) -> dict[str, FAQ]:
    return {faq.id: faq for faq in site.catalog()}


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_importing_the_same_file_twice_changes_nothing_the_second_time(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    file = tmp_path / f"catalog.{suffix}"
    assert source.pasokh("faqs", "export", file) == 0
    before, version = source.catalog(), source.catalog_version()
    assert source.pasokh("faqs", "import", file) == 0
    assert source.pasokh("faqs", "import", file) == 0
    assert (source.catalog(), source.catalog_version()) == (before, version)
    assert "0 added, 0 updated, 6 unchanged, 0 removed" in capsys.readouterr().out


def test_an_existing_id_is_updated_and_a_new_one_added(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    version = source.catalog_version()
    untouched = by_id(source)["booking-en"]
    file = write_json(tmp_path / "changes.json", [
        {"id": "parking-en", "question": "Is there parking nearby?",
         "answer": "Yes: 40 free places behind the building.", "keywords": ["parking"],
         "category": "visit", "priority": 7, "active": False},
        {"id": "wifi-en", "question": "Is there Wi-Fi?", "answer": "Yes, ask reception."},
        {"question": "آیا پارکینگ دارید؟", "answer": "بله، پشت ساختمان.",
         "keywords": ["پارکینگ"]},
    ])
    assert source.pasokh("faqs", "import", file) == 0
    faqs = by_id(source)
    assert faqs["parking-en"] == FAQ("parking-en", FAQContent(
        "Is there parking nearby?", "Yes: 40 free places behind the building.", ("parking",),
        "visit", 7, False))
    assert faqs["wifi-en"] == FAQ("wifi-en", FAQContent("Is there Wi-Fi?", "Yes, ask reception."))
    assert [f.answer for f in faqs.values() if f.question == "آیا پارکینگ دارید؟"] == [
        "بله، پشت ساختمان."]
    assert faqs["booking-en"] == untouched
    assert len(faqs) == 6 + 2
    assert source.catalog_version() == version + 3
    assert "2 added, 1 updated, 0 unchanged, 0 removed" in capsys.readouterr().out


def test_a_row_without_id_updates_the_faq_with_the_same_question(
        source: Site, tmp_path: Path) -> None:
    file = write_json(tmp_path / "fix.json", [
        {"question": "Is there parking, nearby?", "answer": "Yes, free for everyone."}])
    assert source.pasokh("faqs", "import", file) == 0
    assert source.pasokh("faqs", "import", file) == 0
    parking = [faq for faq in source.catalog() if faq.question == "Is there parking, nearby?"]
    assert [(faq.id, faq.answer) for faq in parking] == [("parking-en", "Yes, free for everyone.")]
    assert len(source.catalog()) == 6


def test_rows_without_id_are_added_once_however_often_the_file_is_imported(
        make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site("sqlite")
    file = write_json(tmp_path / "new.json", [
        {"question": "Do you have a pharmacy?", "answer": "Yes, on the ground floor."},
        {"question": "Can I pay by card?", "answer": "Yes."}])
    for _ in range(3):
        assert site.pasokh("faqs", "import", file) == 0
    assert [faq.question for faq in site.catalog()] == [
        "Do you have a pharmacy?", "Can I pay by card?"]


def test_replace_removes_the_faqs_the_file_does_not_hold(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write_json(tmp_path / "only.json", [
        {"id": "booking-en", "question": "How do I book an appointment?", "answer": "Online."},
        {"id": "wifi-en", "question": "Is there Wi-Fi?", "answer": "Yes."}])
    assert source.pasokh("faqs", "import", file) == 0
    assert len(source.catalog()) == 7
    assert source.pasokh("faqs", "import", "--replace", file) == 0
    assert [faq.id for faq in source.catalog()] == ["booking-en", "wifi-en"]
    assert "0 added, 0 updated, 2 unchanged, 5 removed" in capsys.readouterr().out


def test_replace_with_a_file_of_no_faqs_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = source.catalog()
    assert source.pasokh("faqs", "import", "--replace", write_json(tmp_path / "e.json", [])) == 1
    assert "no FAQs" in capsys.readouterr().err
    assert source.catalog() == before


def test_a_spreadsheet_saved_with_a_bom_and_its_own_column_order_imports(
        make_site: MakeSite, tmp_path: Path) -> None:
    file = tmp_path / "from-excel.csv"
    file.write_bytes("\ufeffQuestion,Answer,Active,Priority,Keywords,Category,ID\r\n"
                     "ساعت کاری؟,شنبه تا چهارشنبه ۸ تا ۲۰,YES,۱۲,ساعت | ساعت کاری,زمان,\r\n"
                     ",,,,,,\r\n"
                     "Closed?,On Fridays.,0,-3,,,fridays\r\n".encode())
    site = make_site("memory")
    assert site.pasokh("faqs", "import", file) == 0
    first, second = site.catalog()
    assert (first.question, first.answer, first.keywords, first.category, first.priority,
            first.active) == ("ساعت کاری؟", "شنبه تا چهارشنبه ۸ تا ۲۰", ("ساعت", "ساعت کاری"),
                              "زمان", 12, True)
    assert (second.id, second.priority, second.active) == ("fridays", -3, False)


def test_a_json_file_with_a_bom_imports(make_site: MakeSite, tmp_path: Path) -> None:
    file = tmp_path / "faqs.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(
        [{"id": None, "question": "پارکینگ؟", "answer": "بله"}], ensure_ascii=False).encode())
    site = make_site("memory")
    assert site.pasokh("faqs", "import", file) == 0
    assert [(faq.question, faq.answer) for faq in site.catalog()] == [("پارکینگ؟", "بله")]


def test_an_import_overtaken_by_another_change_changes_nothing_and_can_be_run_again(
        source: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    file = write_json(tmp_path / "changes.json", [
        {"id": "wifi-en", "question": "Is there Wi-Fi?", "answer": "Yes."},
        {"id": "parking-en", "question": "Parking?", "answer": "Behind the building."}])
    before = by_id(source)

    def overtaken(*args: Any, **kwargs: Any) -> ImportPlan:
        plan = plan_import(*args, **kwargs)
        # Another admin removes the FAQ after the plan was made, before it is applied.
        plan.commands.insert(1, c.RemoveFAQ("parking-en"))
        return plan

    monkeypatch.setattr(faq_tasks, "plan_import", overtaken)
    assert source.pasokh("faqs", "import", file) == 1
    assert "was not imported and the catalog is unchanged" in capsys.readouterr().err
    assert by_id(source) == before  # one transaction: not even the first change stayed
    monkeypatch.undo()
    assert source.pasokh("faqs", "import", file) == 0
    assert {"wifi-en", "parking-en"} <= set(by_id(source))
    assert by_id(source)["parking-en"].answer == "Behind the building."
