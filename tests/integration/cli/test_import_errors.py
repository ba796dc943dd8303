"""A file with mistakes is refused as a whole: every problem named by row, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.errors import InvalidFAQ
from domain.faq import MAX_QUESTION, FAQContent
from tests.integration.cli.support import Site

HEADER = "id,question,answer,keywords,category,priority,active"


def refusal(site: Site, file: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The problems the refused import printed; it must have changed nothing."""
    before, version = site.catalog(), site.catalog_version()
    capsys.readouterr()
    assert site.pasokh("faqs", "import", file) == 1
    assert (site.catalog(), site.catalog_version()) == (before, version)
    heading, *problems = capsys.readouterr().err.splitlines()
    assert heading == (f"pasokh: {file} was not imported and the catalog is unchanged; "
                       "fix these problems first:")
    return [problem.strip() for problem in problems]


def json_file(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "faqs.json"
    path.write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    return path


def csv_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "faqs.csv"
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def test_every_bad_json_row_is_named_with_its_field(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = json_file(tmp_path, [
        {"question": "Fine?", "answer": "Yes."},
        {"question": "  ", "answer": "An answer.", "priority": "high", "active": "yes"},
        {"question": "Fine too?", "answer": "Yes."},
        {"answer": "No question.", "keywords": "one, two", "colour": "red"},
        ["not", "an", "object"],
        {"id": "has space", "question": "Q?", "answer": "A.", "priority": 1001},
    ])
    assert refusal(source, file, capsys) == [
        "row 2, question: must not be empty",
        "row 2, priority: must be a whole number",
        "row 2, active: must be true or false",
        "row 4, colour: is not an FAQ field (the fields are id, question, answer, keywords, "
        "category, priority, active)",
        "row 4, question: is missing",
        "row 4, keywords: must be a list of words",
        "row 5: must be an FAQ object, not a list",
        "row 6, id: must be 1 to 128 letters, digits or . _ ~ -, starting with a letter or digit",
        "row 6, priority: must be between -1000 and 1000",
    ]


def test_every_bad_csv_row_is_named_with_its_field(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = csv_file(tmp_path, HEADER,
                    ",Fine?,Yes.,,,,",
                    ",Priority?,Bad.,,,1.5,true",
                    ",Active?,Bad.,,,3,maybe",
                    ",,,a||b,,,",
                    ",Short row?,Yes.",
                    "",
                    "x/y,Slash?,Bad id.,,,,",
                    ",Persian digits?,Fine.,,,۵,YES")
    assert refusal(source, file, capsys) == [
        "row 2, priority: must be a whole number, not '1.5'",
        "row 3, active: must be one of true, false, yes, no, 1, 0, not 'maybe'",
        "row 4, question: must not be empty",
        "row 4, answer: must not be empty",
        "row 4, keywords: every keyword must be non-empty text",
        "row 5: has 3 cells, the header row has 7",
        "row 7, id: must be 1 to 128 letters, digits or . _ ~ -, starting with a letter or digit",
    ]


@pytest.mark.parametrize(("field", "value"), [
    ("question", "?" * (MAX_QUESTION + 1)), ("answer", ""), ("category", "c" * 101),
    ("keywords", ["k"] * 51), ("priority", -1001), ("active", None)])
def test_the_rules_are_the_domain_rules_the_api_applies(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str,
        value: object) -> None:
    good: dict[str, object] = {"question": "Q?", "answer": "A."}
    with pytest.raises(InvalidFAQ) as expected:
        FAQContent(**{**good, field: value})  # type: ignore[arg-type]
    assert refusal(source, json_file(tmp_path, [{**good, field: value}]), capsys) == [
        f"row 1, {expected.value}"]


@pytest.mark.parametrize(("text", "problem"), [
    ('[{"question": "Q?", "answer": "A."},]', "file: is not valid JSON: Expecting value at "
                                               "line 1 column 37"),
    ('{"question": "Q?", "answer": "A."}', "file: must hold a list of FAQ objects, not an "
                                           "object"),
    ("", "file: is not valid JSON: Expecting value at line 1 column 1"),
])
def test_a_file_that_is_not_a_json_list_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
        problem: str) -> None:
    file = tmp_path / "faqs.json"
    file.write_text(text, "utf-8")
    assert refusal(source, file, capsys) == [problem]


@pytest.mark.parametrize(("lines", "problems"), [
    (["question,answer", "Q?,A."], [
        "file: the header row lacks the columns id, keywords, category, priority, active "
        f"(the header row must be {HEADER})"]),
    ([HEADER + ",colour,id", ",Q?,A.,,,,,red,"], [
        f"file: the header row names unknown columns colour (the header row must be {HEADER})",
        f"file: the header row repeats the columns id (the header row must be {HEADER})"]),
    ([], [f"file: is empty: it needs the header row {HEADER}"]),
    ([HEADER, ',"Unclosed?,A.,,,,'], ["file: is not valid CSV at line 2: unexpected end of "
                                       "data"]),
])
def test_a_csv_file_without_the_right_columns_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str],
        problems: list[str]) -> None:
    file = tmp_path / "faqs.csv"
    file.write_text("\n".join(lines), "utf-8")
    assert refusal(source, file, capsys) == problems


def test_an_faq_named_twice_in_one_file_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = json_file(tmp_path, [
        {"id": "wifi", "question": "Wi-Fi?", "answer": "Yes."},
        {"id": "wifi", "question": "Wireless?", "answer": "Yes."},
        {"question": "New one?", "answer": "Yes."},
        {"question": " New one?", "answer": "Still yes."},
        {"id": "wifi", "question": "", "answer": "Bad and twice."},
    ])
    assert refusal(source, file, capsys) == [
        "row 2, id: names the same FAQ as row 1",
        "row 4, question: repeats the question of row 3 (give each row its own id to keep "
        "both)",
        "row 5, id: names the same FAQ as row 1",
        "row 5, question: must not be empty",
    ]


def test_a_row_without_id_cannot_update_an_faq_another_row_names(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = json_file(tmp_path, [
        {"id": "parking-en", "question": "Parking?", "answer": "Yes."},
        {"question": "Is there parking, nearby?", "answer": "Also yes."},
    ])
    assert refusal(source, file, capsys) == [
        "row 2, question: is the question of FAQ parking-en, which row 1 already imports"]


def test_a_question_that_several_faqs_share_needs_an_id(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twin = {"id": "parking-twin", "question": "Is there parking, nearby?", "answer": "Yes."}
    assert source.pasokh("faqs", "import", json_file(tmp_path, [twin])) == 0
    file = json_file(tmp_path, [{"question": "Is there parking, nearby?", "answer": "No."}])
    assert refusal(source, file, capsys) == [
        "row 1, question: is the question of 2 FAQs (parking-en, parking-twin); give the id "
        "of the one to update"]


def test_a_file_that_is_not_utf8_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "faqs.csv"
    file.write_bytes(f"{HEADER}\r\n,سوال؟,جواب,,,,\r\n".encode("cp1256"))
    assert refusal(source, file, capsys) == [
        "file: is not UTF-8 text (line 2, byte 55): save it as UTF-8"]


@pytest.mark.parametrize("action", ["import", "export"])
def test_an_unknown_extension_is_a_usage_error(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str) -> None:
    file = tmp_path / "faqs.xlsx"
    file.write_text("[]", "utf-8")
    assert source.pasokh("faqs", action, file) == 2
    assert capsys.readouterr().err == (
        f"pasokh: cannot tell the format of {str(file)!r}: name a .json or .csv file\n")
    assert file.read_text("utf-8") == "[]"


def test_a_missing_file_is_reported(source: Site, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert source.pasokh("faqs", "import", tmp_path / "nowhere.json") == 1
    assert "cannot read" in capsys.readouterr().err
    assert source.pasokh("faqs", "export", tmp_path / "no" / "dir.json") == 1
    assert "cannot write" in capsys.readouterr().err


def test_half_a_character_escaped_in_json_is_refused(
        source: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON can escape a lone surrogate; stored, it could never be exported or shown."""
    file = tmp_path / "faqs.json"
    file.write_text('[{"question": "Open \\ud800?", "answer": "Yes."},'
                    ' {"question": "Open?", "answer": "Yes.", "keywords": ["\\udc00"]}]',
                    "utf-8")
    assert refusal(source, file, capsys) == [
        "row 1, question: must be storable Unicode text (it holds a lone surrogate)",
        "row 2, keywords: every keyword must be storable Unicode text (it holds a lone surrogate)",
    ]
