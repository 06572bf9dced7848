"""CSV rows streamed from a file with their line numbers; bytes that are not UTF-8 mark their row, not the run."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.limits import MAX_COLUMNS, MAX_LINE_BYTES, megabytes

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


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def csv_rows(path: Path) -> Iterator[CsvRow | CsvTrouble]:
    """The rows of a CSV file; a line over MAX_LINE_BYTES or a row over MAX_COLUMNS cells ends the file there.

    Lines are read with a bounded `readline`, so a file of one endless line costs MAX_LINE_BYTES, not its size.
    """
    bad_lines: dict[int, str] = {}

    def lines() -> Iterator[str]:
        with path.open("rb") as handle:
            number = 0
            while raw := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(raw) > MAX_LINE_BYTES:
                    raise _LineTooLong(number)
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
            if len(cells) > MAX_COLUMNS:
                yield CsvTrouble(
                    first,
                    f"has {len(cells):,} columns, more than the {MAX_COLUMNS:,} a project file may have; "
                    "the rows from here on were not read: remove the extra columns and load it again",
                )
                return
            trouble = next((bad_lines.pop(n) for n in range(first, last + 1) if n in bad_lines), None)
            yield CsvRow(first, cells, trouble)
    except csv.Error as error:
        yield CsvTrouble(previous + 1, f"is not readable CSV ({error}); the rows after it were not read")
    except _LineTooLong as error:
        yield CsvTrouble(
            error.line,
            f"is longer than {megabytes(MAX_LINE_BYTES)}; the rows from here on were not read: "
            "is it really a CSV file? Split the line or fix the file and load it again",
        )


def slug(text: str, limit: int = 60) -> str:
    """Lower-case letters, digits and single hyphens (for identifiers derived from names)."""
    from loaders.codes import name_key

    return name_key(text).replace(" ", "-")[:limit].strip("-")
