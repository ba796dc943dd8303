"""Steps of faq_files.feature: the site owner's `pasokh faqs export` and `import` runs."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from application import commands as c
from domain.faq import FAQ, FAQContent
from tests.integration.cli.support import Site

scenarios("faq_files.feature")

COLUMNS = {"faq": "id", "question": "question", "answer": "answer", "keywords": "keywords",
           "priority": "priority", "active": "active"}


@dataclass
class Owner:
    """The site owner's folder of files, their clinic's site, and what their last run said."""

    folder: Path
    clinic: Site
    before: list[FAQ] = field(default_factory=list)
    version: int = 0
    elsewhere: Site | None = None
    said: tuple[int, str, str] = (0, "", "")


@pytest.fixture
def owner(tmp_path: Path) -> Owner:
    return Owner(tmp_path, Site.at(f"sqlite:///{tmp_path / 'clinic.db'}"))


def table(datatable: list[list[str]]) -> list[dict[str, str]]:
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]


def keywords(cell: str) -> list[str]:
    return [word.strip() for word in cell.split(",") if word.strip()]


def run(owner: Owner, site: Site, capsys: pytest.CaptureFixture[str], *argv: str) -> None:
    capsys.readouterr()
    code = site.pasokh(*argv)
    out, err = capsys.readouterr()
    owner.said = (code, out, err)


@given("the clinic's site has these FAQs:")
def clinic_faqs(owner: Owner, datatable: list[list[str]]) -> None:
    owner.clinic.do(*[
        c.AddFAQ(FAQContent(faq["question"], faq["answer"], tuple(keywords(faq["keywords"])),
                            priority=int(faq["priority"]), active=faq["active"] == "yes"),
                 faq_id=faq["faq"]) for faq in table(datatable)])
    owner.before, owner.version = owner.clinic.catalog(), owner.clinic.catalog_version()


@given(parsers.parse('the site owner has a spreadsheet "{name}" with these rows:'))
def spreadsheet(owner: Owner, name: str, datatable: list[list[str]]) -> None:
    with (owner.folder / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["id", "question", "answer", "keywords", "category",
                                      "priority", "active"])
        writer.writeheader()
        for row in table(datatable):
            cells = {COLUMNS[name]: value for name, value in row.items()}
            writer.writerow({**cells, "keywords": "|".join(keywords(row["keywords"])),
                             "category": ""})


@given(parsers.parse('the site owner has a workbook "{name}"'))
def workbook(owner: Owner, name: str) -> None:
    (owner.folder / name).write_bytes(b"PK\x03\x04 not a catalog Pasokh reads")


@given(parsers.parse('the site owner has exported the catalog to "{name}"'))
@when(parsers.parse('the site owner exports the catalog to "{name}"'))
def export(owner: Owner, capsys: pytest.CaptureFixture[str], name: str) -> None:
    run(owner, owner.clinic, capsys, "faqs", "export", str(owner.folder / name))
    assert owner.said[0] == 0, owner.said[2]


@when(parsers.parse('imports "{name}" on a new site'))
def import_elsewhere(owner: Owner, capsys: pytest.CaptureFixture[str], name: str) -> None:
    owner.elsewhere = Site.at(f"sqlite:///{owner.folder / 'elsewhere.db'}")
    run(owner, owner.elsewhere, capsys, "faqs", "import", str(owner.folder / name))
    assert owner.said[0] == 0, owner.said[2]


@when(parsers.parse('the site owner imports "{name}" on the clinic\'s site'))
def import_here(owner: Owner, capsys: pytest.CaptureFixture[str], name: str) -> None:
    run(owner, owner.clinic, capsys, "faqs", "import", str(owner.folder / name))


@then("the new site has the same FAQs, in the same order")
def same_faqs(owner: Owner) -> None:
    assert owner.elsewhere is not None
    assert owner.elsewhere.catalog() == owner.before


@then(parsers.parse('a visitor of the new site who asks "{question}" gets the answer '
                    '"{answer}"'))
def answered_elsewhere(owner: Owner, question: str, answer: str) -> None:
    assert owner.elsewhere is not None
    reply = owner.elsewhere.ask(question).messages[-1]
    assert (reply.sender, reply.source, reply.text) == ("bot", "faq", answer)


@then(parsers.parse('a visitor who asks "{question}" gets the answer "{answer}"'))
def answered_here(owner: Owner, question: str, answer: str) -> None:
    reply = owner.clinic.ask(question).messages[-1]
    assert (reply.sender, reply.source, reply.text) == ("bot", "faq", answer)


@then(parsers.parse("the import reports {added:d} added, {updated:d} updated and "
                    "{unchanged:d} unchanged"))
def reports(owner: Owner, added: int, updated: int, unchanged: int) -> None:
    code, out, err = owner.said
    assert code == 0, err
    assert f"{added} added, {updated} updated, {unchanged} unchanged" in out


@then("the import is refused, naming these problems:")
def refused(owner: Owner, datatable: list[list[str]]) -> None:
    code, _, err = owner.said
    assert code == 1
    named = [line.strip() for line in err.splitlines()[1:]]
    assert named == [f"row {p['row']}, {p['field']}: {p['problem']}" for p in table(datatable)]


@then("the site owner is told to use a .json or .csv file")
def told_the_formats(owner: Owner) -> None:
    code, _, err = owner.said
    assert code == 2
    assert err.strip().endswith("name a .json or .csv file")


@then("the catalog has not changed")
def unchanged(owner: Owner) -> None:
    assert owner.clinic.catalog() == owner.before
    assert owner.clinic.catalog_version() == owner.version
