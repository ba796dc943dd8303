"""One FAQ read from a catalog file, checked by the same rules as every other FAQ.

A file is refused as a whole, so every problem of every row is collected, not only the
first: each field is checked on its own against the domain's `FAQContent` rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from domain.errors import InvalidFAQ
from domain.faq import CONTENT_FIELDS, FAQContent

FIELDS = ("id", *CONTENT_FIELDS)
REQUIRED = ("question", "answer")
# Ids appear in URLs (`/faqs/{faq_id}/`), so an imported id must be URL-safe as it stands.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,127}")
_VALID = {"question": "?", "answer": "?", "keywords": (), "category": "", "priority": 0,
          "active": True}


@dataclass(frozen=True)
class FAQEntry:
    row: int
    faq_id: str | None
    content: FAQContent


@dataclass(frozen=True)
class RowProblem:
    """What is wrong, where: `row` counts data rows from 1, None means the whole file."""

    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        field = f", {self.field}" if self.field else ""
        return f"{where}{field}: {self.message}"


class ImportRefused(Exception):
    """The file has problems; nothing was changed."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems

    @classmethod
    def of_file(cls, message: str) -> ImportRefused:
        """A refusal of the file as a whole."""
        return cls([RowProblem(None, None, message)])


@dataclass(frozen=True)
class CheckedRow:
    """One row of a file: its entry when it is valid, else its problems."""

    row: int
    faq_id: str | None  # the row's id, when it is a valid one, even if the rest is not
    entry: FAQEntry | None
    problems: list[RowProblem]

    @classmethod
    def refused(cls, row: int, message: str) -> CheckedRow:
        return cls(row, None, None, [RowProblem(row, None, message)])


def check_entry(row: int, values: Mapping[str, object],
                known_bad: list[RowProblem] | None = None) -> CheckedRow:
    """The row checked field by field; `known_bad` are the problems found while reading it."""
    problems = list(known_bad or [])
    problems += [RowProblem(row, name, "is not an FAQ field (the fields are "
                            f"{', '.join(FIELDS)})") for name in values if name not in FIELDS]
    problems += [RowProblem(row, name, "is missing") for name in REQUIRED if name not in values]
    raw_id = values.get("id")
    faq_id = raw_id if isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id) else None
    if raw_id is not None and faq_id is None:
        problems.append(RowProblem(row, "id", "must be 1 to 128 letters, digits or . _ ~ -, "
                                   "starting with a letter or digit"))
    for name in _VALID:
        if name in values:
            problems += _field_problems(row, name, values[name])
    if problems:
        return CheckedRow(row, faq_id, None, problems)
    content = FAQContent(**{name: values[name] for name in _VALID if name in values})  # type: ignore[arg-type]
    return CheckedRow(row, faq_id, FAQEntry(row, faq_id, content), [])


def entries_of(rows: list[CheckedRow]) -> list[FAQEntry]:
    """Every row's entry, or ImportRefused naming every problem of every row, row by row."""
    problems = [problem for checked in rows for problem in checked.problems]
    problems += _repeats(rows)
    if problems:
        raise ImportRefused(sorted(problems, key=_reading_order))
    return [checked.entry for checked in rows if checked.entry is not None]


def _repeats(rows: list[CheckedRow]) -> list[RowProblem]:
    """Rows naming the same FAQ: by id, or, without one, by the same question."""
    first_with: dict[tuple[str, str], int] = {}
    problems: list[RowProblem] = []
    for checked in rows:
        if checked.faq_id is not None:
            key = ("id", checked.faq_id)
        elif checked.entry is not None:
            key = ("question", checked.entry.content.question)
        else:
            continue
        first = first_with.setdefault(key, checked.row)
        if first != checked.row:
            problems.append(_repeat(checked.row, key[0], first))
    return problems


def _repeat(row: int, field: str, first: int) -> RowProblem:
    if field == "id":
        return RowProblem(row, "id", f"names the same FAQ as row {first}")
    return RowProblem(row, "question", f"repeats the question of row {first} (give each row "
                      "its own id to keep both)")


def _reading_order(problem: RowProblem) -> tuple[int, int]:
    column = FIELDS.index(problem.field) + 1 if problem.field in FIELDS else 0
    return (problem.row or 0, column)


def _field_problems(row: int, name: str, value: object) -> list[RowProblem]:
    # Every other field holds a valid value, so an InvalidFAQ is about this field alone.
    try:
        FAQContent(**{**_VALID, name: value})  # type: ignore[arg-type]
    except InvalidFAQ as invalid:
        return [RowProblem(row, invalid.field, invalid.message)]
    return []
