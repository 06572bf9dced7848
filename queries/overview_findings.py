"""Overlaps and gaps per place and per organization, for the network overview's highlights.

Counted from the analytics themselves (`queries.overlaps.overlaps`, `queries.gaps.gaps`) so that a place
highlighted in the network is exactly one the findings list names; at the region level a country's findings
count for its M49 region.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from graph.store import Graph
from queries.filters import Filters
from queries.gaps import GapKind, gaps
from queries.overlaps import DEFAULT_LIMIT, overlaps
from queries.overview import Level

__all__ = [
    "COUNTRY_REGIONS",
    "OrganizationFindings",
    "OverviewFindings",
    "PlaceFindings",
    "overview_findings",
]


@dataclass(frozen=True)
class PlaceFindings:
    key: str
    """As in the overview: an ISO alpha-2 code, or an M49 region code."""
    overlaps: int
    opportunities: int
    """Overlaps whose two organizations share no coordination mechanism."""
    gaps: tuple[tuple[GapKind, int], ...]
    """How many gaps of each kind name the place (kinds with none left out), in GapKind order."""


@dataclass(frozen=True)
class OrganizationFindings:
    iri: str
    overlaps: int
    """Overlaps the organization is one of the two actors of."""


@dataclass(frozen=True)
class OverviewFindings:
    places: tuple[PlaceFindings, ...]
    organizations: tuple[OrganizationFindings, ...]
    unplaced_gaps: tuple[tuple[GapKind, int], ...]
    """Gaps that name no place (two mechanism members without a joint project, say)."""
    overlaps_complete: bool
    """False when the overlaps were more than the `limit` counted (the analytics' ranking picks which)."""


# Parameters: $keys (iso2 codes). Columns: iso2, region (M49 code of its region, or null).
COUNTRY_REGIONS = """UNWIND $keys AS key
MATCH (c:Country {iso2: key})
RETURN key AS iso2, head(COLLECT { MATCH (c)-[:REGION]->(r:Region) RETURN r.m49 AS m49 ORDER BY m49 }) AS region"""


def overview_findings(
    graph: Graph,
    as_of: date,
    filters: Filters | None = None,
    level: Level = Level.COUNTRY,
    limit: int | None = DEFAULT_LIMIT,
) -> OverviewFindings:
    """The overlaps (the first `limit`, None: all; every overlap of the busiest graphs does not fit in
    Neo4j's memory) and every gap under the filters as of a date, counted per place and per organization."""
    found_overlaps = overlaps(graph, as_of, filters, limit=limit)
    found_gaps = gaps(graph, as_of, filters)
    countries = {o.country for o in found_overlaps} | {g.country for g in found_gaps if g.country}
    place = {iso2: iso2 for iso2 in countries}
    if level is Level.REGION and countries:
        rows = graph.read(COUNTRY_REGIONS, {"keys": sorted(countries)})
        place = {row["iso2"]: row["region"] or "" for row in rows}
    overlap_count: Counter[str] = Counter()
    opportunity_count: Counter[str] = Counter()
    by_org: Counter[str] = Counter()
    for overlap in found_overlaps:
        key = place.get(overlap.country, overlap.country)
        overlap_count[key] += 1
        opportunity_count[key] += overlap.coordination_opportunity
        by_org[overlap.actor_a.iri] += 1
        by_org[overlap.actor_b.iri] += 1
    gap_count: dict[str, Counter[GapKind]] = defaultdict(Counter)
    unplaced: Counter[GapKind] = Counter()
    for gap in found_gaps:
        if gap.country is None:
            unplaced[gap.kind] += 1
        else:
            gap_count[place.get(gap.country, gap.country)][gap.kind] += 1
    keys = sorted(set(overlap_count) | set(gap_count))
    return OverviewFindings(
        places=tuple(
            PlaceFindings(key, overlap_count[key], opportunity_count[key], _by_kind(gap_count[key]))
            for key in keys
        ),
        organizations=tuple(OrganizationFindings(iri, n) for iri, n in sorted(by_org.items())),
        unplaced_gaps=_by_kind(unplaced),
        overlaps_complete=limit is None or len(found_overlaps) < limit,
    )


def _by_kind(counts: Counter[GapKind]) -> tuple[tuple[GapKind, int], ...]:
    return tuple((kind, counts[kind]) for kind in GapKind if counts[kind])
