"""The checks a load makes before writing: its options, and each record with the run's partner and country."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loaders import codes
from loaders.errors import LoadError
from loaders.formats import FORMATS
from loaders.outcome import LoadOptions
from loaders.records import CountryShare, Problem, ProjectRecord, Rejection
from loaders.seen import SeenKeys
from loaders.validation import problems

__all__ = ["check_options", "checked", "rejection"]


def rejection(record: ProjectRecord, problem: Problem, source: str) -> Rejection:
    return Rejection(
        file=record.source_file or source,
        line=record.line,
        identifier=record.identifier,
        field=problem.field,
        value=problem.value,
        reason=problem.reason,
    )


def checked(
    record: ProjectRecord,
    partner: str | None,
    country: str | None,
    first_lines: SeenKeys,
) -> tuple[ProjectRecord, list[Problem]]:
    """The record with the run's partner and default country applied, and its problems."""
    changes: dict[str, Any] = {}
    if partner:
        changes["partner"] = partner
    if country and not record.countries:
        changes["countries"] = (CountryShare(country),)
    if changes:
        record = dataclasses.replace(record, **changes)
    found = problems(record)
    if record.identifier and record.partner:
        seen, first = first_lines.first(record.partner, record.identifier, line=record.line)
        if seen:
            where = f" at line {first}" if first else ""
            found.append(
                Problem(
                    "identifier",
                    record.identifier,
                    f"appears twice in this file (first{where}); give each project one row or element",
                )
            )
    if not record.partner:
        found.append(
            Problem("partner", "", "is unknown; pass --partner ID (or a partner column / reporting-org)")
        )
    return record, found


def check_options(paths: Sequence[Path], options: LoadOptions) -> None:
    if not paths:
        raise LoadError("No file to load was given; name one or more IATI, HXL, CSV, JSON or RDF files.")
    for path in paths:
        if not path.is_file():
            raise LoadError(f"{path} is not a file; check the path.")
    if options.format is not None and options.format not in FORMATS:
        raise LoadError(f"--format {options.format!r} is unknown; use one of {', '.join(FORMATS)}.")
    if options.full_sync and not options.partner:
        raise LoadError(
            "--full-sync needs --partner ID: it withdraws that partner's projects absent from the files."
        )
    if options.country is not None and options.country not in codes.countries():
        raise LoadError(f"--country {options.country!r} is not an ISO 3166-1 alpha-2 code; use e.g. AF.")
    if options.batch_size < 1:
        raise LoadError("The batch size must be at least 1.")
