"""CSV rows streamed from a file with their line numbers; bytes that are not UTF-8 mark their row, not the run."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CsvRow", "CsvTrouble", "csv_rows", "slug"]


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: list[str]
    encoding_error: str | None
    """Set when a line of the row is not UTF-8 (the row is then rejected)."""


@dataclass(frozen=True)
class CsvTrouble:
    """The file stops being readable CSV at `line`."""

    line: int
    reason: str


def csv_rows(path: Path) -> Iterator[CsvRow | CsvTrouble]:
    bad_lines: dict[int, str] = {}

    def lines() -> Iterator[str]:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    bad_lines[number] = (
                        f"byte 0x{raw[error.start]:02x} at column {error.start + 1} is not UTF-8; "
                        "save the file as UTF-8 and load it again"
                    )
                    yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(lines(), strict=True)
    previous = 0
    try:
        for cells in reader:
            first, last = previous + 1, reader.line_num
            previous = last
            trouble = next((bad_lines.pop(n) for n in range(first, last + 1) if n in bad_lines), None)
            yield CsvRow(first, cells, trouble)
    except csv.Error as error:
        yield CsvTrouble(previous + 1, f"is not readable CSV ({error}); the rows after it were not read")


def slug(text: str, limit: int = 60) -> str:
    """Lower-case letters, digits and single hyphens (for identifiers derived from names)."""
    from loaders.codes import name_key

    return name_key(text).replace(" ", "-")[:limit].strip("-")
