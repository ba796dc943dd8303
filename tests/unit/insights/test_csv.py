"""The CSV exports keep visitors' words as data."""

from __future__ import annotations

import csv
import io

from application.insights.gaps import Asked, Gap
from entrypoints.api.insights_csv import gaps_csv


def test_a_question_a_spreadsheet_would_run_is_quoted() -> None:
    gap = Gap("=HYPERLINK(\"http://evil\")", [Asked("=HYPERLINK(\"http://evil\")", 2, 0),
                                               Asked("+98 912 000", 1, 1)])

    rows = list(csv.reader(io.StringIO(gaps_csv([gap]))))

    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1][1:3] == ["3", "1"]
    assert rows[1][4].startswith("'=HYPERLINK")


def test_persian_stays_as_written() -> None:
    gap = Gap("هزینه ارسال", [Asked("هزینه ارسال", 1, 0)])
    rows = list(csv.reader(io.StringIO(gaps_csv([gap]))))
    assert rows[1][0] == "هزینه ارسال"
