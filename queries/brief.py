"""A country's one-page brief: its coverage, overlaps, gaps, commitments and treaty status, each sourced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.store import Graph
from queries.coverage import CoverageCell, coverage
from queries.errors import InvalidFilter
from queries.filters import Filters
from queries.gaps import Gap, gaps
from queries.overlaps import Overlap, overlaps
from queries.treaty_status import TreatyStatus, treaty_status

__all__ = ["COUNTRY_COMMITMENTS", "COUNTRY_FACTS", "Brief", "CommitmentFact", "country_brief"]

# Parameters: $iso2. Columns: iri, iso2, name, source (dcterms:source), region (name or null).
COUNTRY_FACTS = """
MATCH (c:Country {iso2: $iso2})
RETURN c.iri AS iri, c.iso2 AS iso2, c.name AS name, c.source AS source,
  head(COLLECT { MATCH (c)-[:REGION]->(r:Region) RETURN r.name }) AS region"""

# Parameters: $iso2. Columns, one row per ratification, pledge or action plan of the State: iri, kind (the
#   commitment's class), what (instrument name, pledge description or plan title), date (consent date, due
#   date or plan end), consent (the ratification's kind: ratification, accession, ...), source (its
#   dcterms:source), instrument_source (the instrument's). Ratifications first, by instrument.
COUNTRY_COMMITMENTS = """
MATCH (c:Country {iso2: $iso2})<-[:STATE|COUNTRY]-(k:Commitment)
WITH DISTINCT k
OPTIONAL MATCH (k)-[:INSTRUMENT]->(i:LegalInstrument)
WITH k, i, CASE WHEN k:Ratification THEN 'Ratification' WHEN k:Pledge THEN 'Pledge'
  WHEN k:ActionPlan THEN 'ActionPlan' ELSE 'Commitment' END AS kind
RETURN k.iri AS iri, kind,
  coalesce(i.shortName, i.name, k.title, k.description, k.iri) AS what,
  CASE kind WHEN 'Ratification' THEN k.date WHEN 'Pledge' THEN k.dueDate ELSE k.end END AS date,
  k.kind AS consent, k.source AS source, i.source AS instrument_source
ORDER BY CASE kind WHEN 'Ratification' THEN 0 ELSE 1 END, what, iri"""


@dataclass(frozen=True)
class CommitmentFact:
    iri: str
    kind: str
    """Ratification, Pledge, ActionPlan (or Commitment)."""
    what: str
    date: dt.date | None
    consent: str | None
    source: str | None
    """The public record the fact comes from (dcterms:source); None when the graph holds none."""
    instrument_source: str | None


@dataclass(frozen=True)
class Brief:
    as_of: dt.date
    iso2: str
    iri: str
    name: str
    region: str | None
    source: str | None
    themes: int
    """How many theme columns the matrix has (the denominator of "themes covered")."""
    coverage: tuple[CoverageCell, ...]
    overlaps: tuple[Overlap, ...]
    gaps: tuple[Gap, ...]
    commitments: tuple[CommitmentFact, ...]
    treaty_status: tuple[TreatyStatus, ...]

    @property
    def covered(self) -> int:
        """Themes with at least one active implementing organization."""
        return sum(1 for cell in self.coverage if cell.organizations > 0)


# Parameters: none. Columns: themes (how many concepts of the theme scheme).
_THEMES = "MATCH (t:Theme {scheme: 'themes'}) RETURN count(t) AS themes"


def country_brief(graph: Graph, iso2: str, as_of: dt.date, overlap_limit: int = 100) -> Brief:
    """Everything the brief of one country shows, as of a date; InvalidFilter for an unknown country."""
    code = iso2.strip().upper()
    found = graph.read(COUNTRY_FACTS, {"iso2": code})
    if not found:
        raise InvalidFilter(
            f"country {iso2!r} is not in the graph; give an ISO 3166-1 alpha-2 code such as KE."
        )
    row = found[0]
    scope = Filters(country=code)
    return Brief(
        as_of=as_of,
        iso2=code,
        iri=str(row["iri"]),
        name=str(row["name"] or code),
        region=row["region"],
        source=row["source"],
        themes=int(graph.read(_THEMES)[0]["themes"]),
        coverage=tuple(coverage(graph, as_of, scope)),
        overlaps=tuple(overlaps(graph, as_of, scope, overlap_limit)),
        gaps=tuple(g for g in gaps(graph, as_of, scope) if g.country == code),
        commitments=tuple(
            CommitmentFact(
                iri=str(r["iri"]),
                kind=str(r["kind"]),
                what=str(r["what"]),
                date=r["date"],
                consent=r["consent"],
                source=r["source"],
                instrument_source=r["instrument_source"],
            )
            for r in graph.read(COUNTRY_COMMITMENTS, {"iso2": code})
        ),
        treaty_status=tuple(treaty_status(graph, as_of)),
    )
