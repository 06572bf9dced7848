"""CSV as cograph writes it: cells a spreadsheet would run as formulas are neutralised (OWASP CSV injection).

Project titles and organization names come from partners' files; a title such as `=HYPERLINK(...)` or
`@SUM(...)` must reach an analyst's spreadsheet as text, never as a formula. Every CSV the project writes
goes through `write_csv`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

__all__ = ["FORMULA_STARTS", "spreadsheet_safe", "write_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP's list)."""


def spreadsheet_safe(value: Any) -> Any:
    """The cell as text a spreadsheet shows as written: a leading formula character is quoted with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(stream: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """A header row and one row per mapping, every text cell neutralised (numbers are written as numbers)."""
    writer = csv.DictWriter(stream, fieldnames=[spreadsheet_safe(c) for c in columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({spreadsheet_safe(key): spreadsheet_safe(value) for key, value in row.items()})
