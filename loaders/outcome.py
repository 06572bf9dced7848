"""What a load reports: its options, its progress, each record's result and the summary of the run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from loaders.limits import RejectionLog

__all__ = ["BATCH_SIZE", "LoadOptions", "LoadSummary", "Progress", "RecordResult", "Status"]

Status = Literal["created", "updated", "unchanged", "rejected"]
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Progress:
    """How far a load has got: reported after each batch and at the end of each file."""

    file: str
    records: int
    rejected: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.records / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class LoadOptions:
    format: str | None = None
    """iati, hxl, csv, json or rdf; None sniffs each file."""
    partner: str | None = None
    """The partner whose feed this is; overrides what the files say (needed for --full-sync)."""
    country: str | None = None
    """ISO alpha-2 country for records that name none (a 3W file of one country)."""
    full_sync: bool = False
    strict: bool = False
    batch_size: int = BATCH_SIZE
    progress: Callable[[Progress], None] | None = None


@dataclass(frozen=True)
class RecordResult:
    identifier: str | None
    status: Status
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(field, message) for a rejected record."""


@dataclass
class LoadSummary:
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: int = 0
    files: int = 0
    seconds: float = 0.0
    rejections: RejectionLog = field(default_factory=RejectionLog)
    """The first rejections in full, the rest counted (a million bad rows must not take a million objects)."""
    written: bool = True
    """False when --strict found rejections, so nothing was written."""

    @property
    def records(self) -> int:
        return self.loaded + self.updated + self.unchanged + self.rejected

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def describe(self) -> str:
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"{self.loaded} loaded, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.withdrawn} withdrawn, {self.rejected} rejected "
            f"({self.records} records from {self.files} file{'s' if self.files != 1 else ''} "
            f"in {self.seconds:.1f} s, {rate:,.0f} records/s)"
        )
        if not self.written:
            text += "; --strict: nothing was written because records were rejected"
        return text
