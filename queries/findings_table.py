"""The matrix and its findings as flat rows: what the CSV and XLSX exports write, one dict per line."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from queries.coverage import CoverageCell
from queries.gaps import Gap, GapKind
from queries.overlaps import Overlap, OverlapProjects

__all__ = ["FINDING_COLUMNS", "MATRIX_COLUMNS", "Tables", "findings_rows", "matrix_rows"]

MATRIX_COLUMNS = (
    "country",
    "country_name",
    "theme",
    "theme_label",
    "active_projects",
    "implementing_actors",
    "overlaps",
    "gaps",
    "gap_kinds",
    "budget",
)
FINDING_COLUMNS = (
    "finding",
    "kind",
    "country",
    "country_name",
    "theme",
    "theme_label",
    "actor_a",
    "actor_b",
    "shared_mechanisms",
    "start",
    "end",
    "reason",
    "related",
)


@dataclass(frozen=True)
class Tables:
    matrix: list[dict[str, Any]]
    findings: list[dict[str, Any]]


def _budget(cell: CoverageCell | None) -> str:
    if cell is None:
        return ""
    return "; ".join(f"{m.currency or '(no currency)'} {m.amount:.2f}" for m in cell.budgets)


def matrix_rows(
    cells: Iterable[CoverageCell], overlaps: Iterable[Overlap], gaps: Iterable[Gap]
) -> list[dict[str, Any]]:
    """One row per country and theme with activity, an overlap or a gap (a cell of the matrix), sorted."""
    by_cell: dict[tuple[str, str], CoverageCell] = {(c.country, c.theme): c for c in cells}
    names: dict[str, str | None] = {c.country: c.country_name for c in by_cell.values()}
    labels: dict[str, str | None] = {c.theme: c.theme_label for c in by_cell.values()}
    overlap_count: Counter[tuple[str, str]] = Counter()
    for o in overlaps:
        overlap_count[(o.country, o.theme)] += 1
        names.setdefault(o.country, o.country_name)
        labels.setdefault(o.theme, o.theme_label)
    kinds: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for g in gaps:
        # A gap with no cell (across a mechanism, a whole country) or an unknown status is no cell mark.
        if g.country and g.theme and g.kind is not GapKind.TREATY_STATUS_UNKNOWN:
            kinds[(g.country, g.theme)].append(g.kind.value)
    rows = []
    for key in sorted(set(by_cell) | set(overlap_count) | set(kinds)):
        cell = by_cell.get(key)
        rows.append(
            {
                "country": key[0],
                "country_name": names.get(key[0]) or "",
                "theme": key[1],
                "theme_label": labels.get(key[1]) or "",
                "active_projects": cell.projects if cell else 0,
                "implementing_actors": cell.organizations if cell else 0,
                "overlaps": overlap_count[key],
                "gaps": len(kinds[key]),
                "gap_kinds": " ".join(sorted(set(kinds[key]))),
                "budget": _budget(cell),
            }
        )
    return rows


def findings_rows(
    overlaps: Sequence[Overlap], gaps: Iterable[Gap], lists: Sequence[OverlapProjects] | None = None
) -> list[dict[str, Any]]:
    """The overlaps, then the gaps (an unknown treaty status among them, by its kind), one row each; an
    overlap's related records are its actors and, when `lists` (overlap_projects of `overlaps`) is given,
    its projects."""
    rows: list[dict[str, Any]] = []
    for i, o in enumerate(overlaps):
        projects = (*lists[i].projects_a, *lists[i].projects_b) if lists is not None else ()
        a, b = o.actor_a.name or o.actor_a.iri, o.actor_b.name or o.actor_b.iri
        shared = len(o.shared_mechanisms)
        rows.append(
            {
                "finding": "overlap",
                "kind": "coordination-opportunity" if o.coordination_opportunity else "overlap",
                "country": o.country,
                "country_name": o.country_name or "",
                "theme": o.theme,
                "theme_label": o.theme_label or "",
                "actor_a": a,
                "actor_b": b,
                "shared_mechanisms": shared,
                "start": o.start.isoformat() if o.start else "",
                "end": o.end.isoformat() if o.end else "",
                "reason": (
                    f"{a} and {b} both implement active {o.theme_label or o.theme} projects in "
                    f"{o.country_name or o.country}; "
                    + (
                        f"they share {shared} coordination mechanism(s)."
                        if shared
                        else "they share no coordination mechanism."
                    )
                ),
                "related": " ".join([o.actor_a.iri, o.actor_b.iri] + [p.iri for p in projects]),
            }
        )
    for g in gaps:
        rows.append(
            {
                "finding": "gap" if g.kind is not GapKind.TREATY_STATUS_UNKNOWN else "unknown",
                "kind": g.kind.value,
                "country": g.country or "",
                "country_name": "",
                "theme": g.theme or "",
                "theme_label": "",
                "actor_a": "",
                "actor_b": "",
                "shared_mechanisms": "",
                "start": "",
                "end": "",
                "reason": g.reason,
                "related": " ".join(g.related),
            }
        )
    return rows
