"""Every CSV cograph writes neutralises cells a spreadsheet would run as formulas (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from cli.csv_output import spreadsheet_safe, write_csv


@pytest.mark.parametrize(
    "cell", ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_formula_cells_are_written_as_text(cell: str) -> None:
    out = io.StringIO()
    write_csv(out, ["name", "budget"], [{"name": cell, "budget": -5.0}])
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"name": "'" + cell, "budget": "-5.0"}  # numbers stay numbers


def test_a_leading_carriage_return_is_quoted_too() -> None:
    assert spreadsheet_safe("\r=1") == "'\r=1"


def test_plain_cells_are_unchanged() -> None:
    assert [spreadsheet_safe(v) for v in ("UNODC", "a=b", "", None, 3)] == ["UNODC", "a=b", "", None, 3]
