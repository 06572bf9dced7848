"""What a load holds in memory at most, whatever the input: line and record sizes, columns, kept rejections.

Every cap is far above what a real partner file needs (the largest IATI publisher files have lines of a few
kilobytes and records of a few hundred) and each one, when hit, is reported as one sentence naming the file
and line, so a hostile or broken file costs a bounded amount of memory and never a traceback.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import SupportsIndex

from loaders.records import Rejection

__all__ = [
    "MAX_COLUMNS",
    "MAX_JSON_DOCUMENT_KEYS",
    "MAX_LINE_BYTES",
    "MAX_RECORD_BYTES",
    "REJECTIONS_KEPT",
    "RejectionLog",
    "megabytes",
]

MAX_LINE_BYTES = 1_048_576
"""A CSV line (HXL or template) longer than this stops the file at that line."""
MAX_COLUMNS = 1_000
"""A CSV row with more cells than this stops the file at that row."""
MAX_RECORD_BYTES = 4_194_304
"""A JSON record (one project object) larger than this stops the file at that record."""
MAX_JSON_DOCUMENT_KEYS = 1_000
"""Top-level keys read from a {"projects": [...]} document before giving up on finding `projects`."""
REJECTIONS_KEPT = 1_000
"""Rejections kept with all their detail; the rest are counted by field and reason."""
_REASONS_COUNTED = 200


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:g} MB"


class RejectionLog(list[Rejection]):
    """The rejections of a load: the first REJECTIONS_KEPT in full, then only counted.

    A file of a million bad rows must not hold a million Rejections (nor print them): `total` counts every
    one, `repeated()` says which reasons came back how often.
    """

    def __init__(self, items: Iterable[Rejection] = (), *, keep: int = REJECTIONS_KEPT) -> None:
        super().__init__()
        self.keep = keep
        self.total = 0
        self._reasons: Counter[tuple[str, str]] = Counter()
        self.extend(items)

    def append(self, rejection: Rejection) -> None:
        self.total += 1
        key = (rejection.field, rejection.reason)
        if key in self._reasons or len(self._reasons) < _REASONS_COUNTED:
            self._reasons[key] += 1
        if len(self) < self.keep:
            super().append(rejection)

    def extend(self, rejections: Iterable[Rejection]) -> None:
        for rejection in rejections:
            self.append(rejection)

    def __iadd__(self, rejections: Iterable[Rejection]) -> RejectionLog:  # type: ignore[override,misc]
        self.extend(rejections)
        return self

    def insert(self, index: SupportsIndex, rejection: Rejection) -> None:
        raise TypeError("a RejectionLog only grows at its end; use append")

    @property
    def left_out(self) -> int:
        """How many rejections were counted but not kept."""
        return self.total - len(self)

    def repeated(self, at_least: int = 2) -> list[tuple[str, str, int]]:
        """(field, reason, count) of the reasons given at least `at_least` times, most frequent first."""
        return [
            (field, reason, count)
            for (field, reason), count in self._reasons.most_common()
            if count >= at_least
        ]
