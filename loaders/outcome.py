"""What a load reports: its options, its progress, each record's result and the summary of the run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from loaders.history import Activity
from loaders.limits import RejectionLog
from loaders.records import Rejection

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
    activity: Activity | None = None
    """The sync activity the history records (default: an operator's direct load of the files)."""
    batch_size: int = BATCH_SIZE
    progress: Callable[[Progress], None] | None = None
    resolve_organizations: bool = True
    """Propose match candidates by scored comparison (exact identifier and name matches always apply)."""
    crosswalk: Path | None = None
    """A partner's sector crosswalk (Turtle, SKOS mappings to cograph themes) used besides the ontology's."""


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
    warnings: list[Rejection] = field(default_factory=list)
    """Loaded anyway, but worth fixing at the source: malformed organization identifiers (once per file)."""
    organizations_before: int = 0
    organizations_created: int = 0
    matched: dict[str, int] = field(default_factory=dict)
    """How participations were resolved: identifier, alias, link or new -> how many."""
    candidates: int = 0
    unclassified: int = 0
    """Records written without any theme or crime type."""
    unclassified_sectors: dict[str, int] = field(default_factory=dict)
    """The sectors of unclassified records that no crosswalk maps -> how many records."""

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
        if self.matched:
            how = ", ".join(f"{count} by {method}" for method, count in sorted(self.matched.items()))
            text += (
                f"\norganizations: {self.organizations_before} before, {self.organizations_created} new "
                f"({self.organizations_before + self.organizations_created} after); participations matched {how}; "
                f"{self.candidates} match candidate{'s' if self.candidates != 1 else ''} to review "
                "(cograph organizations candidates)"
            )
        if self.unclassified:
            sectors = ", ".join(
                f"{sector} ({count})"
                for sector, count in sorted(self.unclassified_sectors.items(), key=lambda i: (-i[1], i[0]))
            )
            text += f"\nunclassified: {self.unclassified} records map to no theme"
            text += f"; their sectors: {sectors}" if sectors else " (they name no sector)"
        return text
