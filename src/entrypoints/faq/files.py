"""FAQ catalog files: JSON (a list of contract-shaped FAQ objects) and CSV (one column a field).

The format follows the file's extension. Reading checks the whole file and raises
ImportRefused with every problem found; writing replaces the file only once it is complete.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from application.faq.entries import CheckedRow, FAQEntry, ImportRefused, check_entry, entries_of
from domain.faq import FAQ
from entrypoints.faq import csv_format
from entrypoints.schemas import FAQOut

FORMATS = (".json", ".csv")


class UnknownFormat(ValueError):
    """The file's extension names no format Pasokh reads or writes."""


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(f"cannot tell the format of {str(path)!r}: name a .json or .csv file")
    return suffix


def read_entries(path: Path) -> list[FAQEntry]:
    """Every FAQ in the file, or ImportRefused listing every problem (OSError if unreadable)."""
    suffix = format_of(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a spreadsheet may start with a BOM
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (line {line}, byte {error.start}): save it as UTF-8"
        raise ImportRefused.of_file(message) from None
    return entries_of(_json_rows(text) if suffix == ".json" else csv_format.rows(text))


def write_catalog(path: Path, faqs: Sequence[FAQ]) -> None:
    """Write the FAQs in the path's format, replacing the file in one step (OSError on failure)."""
    text = _json_text(faqs) if format_of(path) == ".json" else csv_format.text(faqs)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _json_rows(text: str) -> list[CheckedRow]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise ImportRefused.of_file(message) from None
    if not isinstance(items, list):
        raise ImportRefused.of_file(f"must hold a list of FAQ objects, not {_json_kind(items)}")
    return [check_entry(row, item) if isinstance(item, dict)
            else CheckedRow.refused(row, f"must be an FAQ object, not {_json_kind(item)}")
            for row, item in enumerate(items, start=1)]


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true or false"}
    return kinds.get(type(value), "null" if value is None else "a number")


def _json_text(faqs: Sequence[FAQ]) -> str:
    return json.dumps([FAQOut.of(faq) for faq in faqs], ensure_ascii=False, indent=2) + "\n"
