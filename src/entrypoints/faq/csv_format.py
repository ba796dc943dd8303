"""The CSV form of an FAQ catalog file: a header row naming the fields, one row an FAQ.

Keywords share one cell, joined by `|` (a `|` or `\\` inside a keyword is written `\\|` or
`\\\\`); `active` reads true/false, yes/no or 1/0; an empty id, priority or active cell means
none, 0 and true.

A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
tab or a carriage return: OWASP's CSV injection) is written with a `'` in front, which
spreadsheets show as text; on import that `'` is taken off again, so a file round-trips.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from application.faq.entries import FIELDS, CheckedRow, ImportRefused, RowProblem, check_entry
from domain.faq import FAQ
from entrypoints.schemas import FAQOut

KEYWORD_SEPARATOR = "|"
ESCAPE = "\\"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = ("id", "question", "answer", "keywords", "category")
BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")  # \d takes Persian digits too, and int() reads them


def rows(text: str) -> list[CheckedRow]:
    """Every data row, checked; blank rows are skipped but still counted."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        _check_header(header)
        return [_csv_row(row, header, cells) for row, cells in enumerate(reader, start=1)
                if any(cell.strip() for cell in cells)]
    except csv.Error as error:
        message = f"is not valid CSV at line {reader.line_num}: {error}"
        raise ImportRefused.of_file(message) from None


def _check_header(header: list[str]) -> None:
    if not header:
        raise ImportRefused.of_file(f"is empty: it needs the header row {','.join(FIELDS)}")
    missing = [name for name in FIELDS if name not in header]
    unknown = [name for name in header if name not in FIELDS]
    twice = sorted({name for name in header if header.count(name) > 1})
    problems = [f"the header row lacks the columns {', '.join(missing)}"] if missing else []
    problems += [f"the header row names unknown columns {', '.join(unknown)}"] if unknown else []
    problems += [f"the header row repeats the columns {', '.join(twice)}"] if twice else []
    if problems:
        hint = f" (the header row must be {','.join(FIELDS)})"
        raise ImportRefused([RowProblem(None, None, problem + hint) for problem in problems])


def _csv_row(row: int, header: list[str], cells: list[str]) -> CheckedRow:
    if len(cells) != len(header):
        return CheckedRow.refused(row, f"has {len(cells)} cells, the header row has "
                                       f"{len(header)}")
    cell = dict(zip(header, cells, strict=True))
    for name in TEXT_COLUMNS:
        cell[name] = _unguarded(cell[name])
    values: dict[str, object] = {"question": cell["question"], "answer": cell["answer"],
                                 "category": cell["category"]}
    values["id"] = cell["id"].strip() or None
    keywords = cell["keywords"].strip()
    values["keywords"] = split_keywords(keywords) if keywords else []
    problems: list[RowProblem] = []
    priority = cell["priority"].strip()
    if _WHOLE_NUMBER.fullmatch(priority):
        values["priority"] = int(priority)
    elif priority:
        problems.append(RowProblem(row, "priority", f"must be a whole number, not {priority!r}"))
    active = cell["active"].strip().lower()
    if active in BOOLEANS:
        values["active"] = BOOLEANS[active]
    elif active:
        problems.append(RowProblem(row, "active", f"must be one of {', '.join(BOOLEANS)}, "
                                   f"not {cell['active'].strip()!r}"))
    return check_entry(row, values, problems)


def text(faqs: Sequence[FAQ]) -> str:
    """The FAQs as CSV, every text cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for faq in faqs:
        record = FAQOut.of(faq)
        record["keywords"] = join_keywords(faq.keywords)
        record["active"] = "true" if faq.active else "false"
        for name in TEXT_COLUMNS:
            record[name] = _guarded(record[name])
        writer.writerow([record[name] for name in FIELDS])
    return out.getvalue()


def join_keywords(keywords: Sequence[str]) -> str:
    return KEYWORD_SEPARATOR.join(
        k.replace(ESCAPE, ESCAPE * 2).replace(KEYWORD_SEPARATOR, ESCAPE + KEYWORD_SEPARATOR)
        for k in keywords)


def split_keywords(cell: str) -> list[str]:
    """The keywords of a cell: split at each `|` not escaped; `\\|` and `\\\\` are a `|`
    and a `\\` of the keyword, any other backslash is kept as it is."""
    keywords, current, chars = [], [], iter(cell)
    for char in chars:
        if char == ESCAPE:
            following = next(chars, "")
            current.append(following if following in (ESCAPE, KEYWORD_SEPARATOR)
                           else char + following)
        elif char == KEYWORD_SEPARATOR:
            keywords.append("".join(current))
            current = []
        else:
            current.append(char)
    keywords.append("".join(current))
    return keywords


def _guarded(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _unguarded(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) \
        else value
