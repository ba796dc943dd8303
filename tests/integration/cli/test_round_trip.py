"""Export then import gives back the same catalog, in either format, on every storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from application import commands as c
from domain.faq import FAQContent
from tests.integration.cli.conftest import MakeSite
from tests.integration.cli.support import Site, sample_catalog

FORMATS = ["json", "csv"]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("target", ["sqlite", "memory"])
def test_a_catalog_moves_to_an_empty_site_unchanged(
        source: Site, make_site: MakeSite, tmp_path: Path, suffix: str, target: str) -> None:
    file = tmp_path / f"catalog.{suffix}"
    assert source.pasokh("faqs", "export", file) == 0
    elsewhere = make_site(target)
    assert elsewhere.pasokh("faqs", "import", file) == 0
    assert elsewhere.catalog() == source.catalog()
    assert [faq.priority for faq in source.catalog()] == [100, 100, 40, 40, 40, -5]
    again = tmp_path / f"again.{suffix}"
    assert elsewhere.pasokh("faqs", "export", again) == 0
    assert again.read_bytes() == file.read_bytes()


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_in_memory_site_round_trips_too(make_site: MakeSite, tmp_path: Path,
                                           suffix: str) -> None:
    first, second = make_site("memory"), make_site("memory")
    first.do(*sample_catalog())
    file = tmp_path / f"catalog.{suffix}"
    assert first.pasokh("faqs", "export", file) == 0
    assert second.pasokh("faqs", "import", file) == 0
    assert second.catalog() == first.catalog()


def test_the_import_is_recorded_as_catalog_events(source: Site, make_site: MakeSite,
                                                 tmp_path: Path) -> None:
    file = tmp_path / "catalog.json"
    assert source.pasokh("faqs", "export", file) == 0
    elsewhere = make_site("sqlite")
    assert elsewhere.pasokh("faqs", "import", file) == 0
    assert elsewhere.catalog_version() == len(sample_catalog())
    # The read models are rebuilt from the events alone: the catalog must come back whole.
    assert elsewhere.pasokh("projections", "rebuild") == 0
    assert elsewhere.catalog() == source.catalog()


def test_visitors_of_the_new_site_get_the_imported_answers(source: Site, make_site: MakeSite,
                                                          tmp_path: Path) -> None:
    file = tmp_path / "catalog.csv"
    assert source.pasokh("faqs", "export", file) == 0
    elsewhere = make_site("sqlite")
    assert elsewhere.pasokh("faqs", "import", file) == 0
    reply = elsewhere.ask("چطور نوبت بگیرم").messages[-1]
    assert (reply.source, reply.faq_id) == ("faq", "booking-fa")


def test_an_empty_catalog_exports_as_an_empty_file_that_imports_as_nothing(
        make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty, other = make_site("sqlite"), make_site("memory")
    for suffix in FORMATS:
        assert empty.pasokh("faqs", "export", tmp_path / f"none.{suffix}") == 0
        assert other.pasokh("faqs", "import", tmp_path / f"none.{suffix}") == 0
    assert (tmp_path / "none.json").read_text("utf-8") == "[]\n"
    assert (tmp_path / "none.csv").read_text("utf-8").splitlines() == [
        "id,question,answer,keywords,category,priority,active"]
    assert other.catalog() == []
    assert "exported 0 FAQs" in capsys.readouterr().out


@pytest.mark.postgres
def test_a_catalog_moves_to_postgresql_and_back(source: Site, make_site: MakeSite,
                                               clean_postgres_url: str, tmp_path: Path) -> None:
    postgres = Site.at(clean_postgres_url)
    assert source.pasokh("faqs", "export", tmp_path / "catalog.csv") == 0
    assert postgres.pasokh("faqs", "import", tmp_path / "catalog.csv") == 0
    assert postgres.catalog() == source.catalog()
    assert postgres.pasokh("faqs", "export", tmp_path / "back.json") == 0
    back = make_site("sqlite")
    assert back.pasokh("faqs", "import", tmp_path / "back.json") == 0
    assert back.catalog() == source.catalog()


def test_keywords_survive_the_csv_joined_by_a_bar(source: Site, tmp_path: Path) -> None:
    file = tmp_path / "catalog.csv"
    assert source.pasokh("faqs", "export", file) == 0
    text = file.read_bytes().decode("utf-8")
    assert "نوبت|رزرو نوبت|نوبت‌دهی" in text
    assert '"Use the ""Book"" page, or call us:\n021-8800 0000, weekdays 8-20."' in text
    assert ",false\r\n" in text and ",true\r\n" in text


def test_a_keyword_holding_a_bar_or_a_backslash_round_trips_through_csv(
        make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site("memory")
    site.do(c.AddFAQ(FAQContent("Opening hours?", "8 to 20.", ("open|close", "a\\b", "plain")),
                     faq_id="hours"))
    assert site.pasokh("faqs", "export", tmp_path / "catalog.csv") == 0
    assert "open\\|close|a\\\\b|plain" in (tmp_path / "catalog.csv").read_text("utf-8")
    other = make_site("memory")
    assert other.pasokh("faqs", "import", tmp_path / "catalog.csv") == 0
    assert other.catalog() == site.catalog()


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "@SUM(A1:A9)", "-2+3", "+1",
            "\tcmd", "\rx"]


def test_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back(
        make_site: MakeSite, tmp_path: Path) -> None:
    """OWASP CSV injection: a cell starting with = + - @ tab or CR gets a leading '."""
    site = make_site("memory")
    site.do(*(c.AddFAQ(FAQContent(f"{formula} question", formula if formula.strip() else "x",
                                  (formula.strip() or "k",), formula.strip() or "cat"),
                       faq_id=f"f{n}")
              for n, formula in enumerate(FORMULAS)))
    site.do(c.AddFAQ(FAQContent("=1+1", "-5 degrees", ("@home",), "+plus"), faq_id="eq"))
    file = tmp_path / "catalog.csv"
    assert site.pasokh("faqs", "export", file) == 0
    import csv
    import io
    rows = list(csv.reader(io.StringIO(file.read_text("utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row[:5]:  # id, question, answer, keywords, category
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert ["eq", "'=1+1", "'-5 degrees", "'@home", "'+plus", "0", "true"] in rows
    other = make_site("memory")
    assert other.pasokh("faqs", "import", file) == 0
    assert other.catalog() == site.catalog()
