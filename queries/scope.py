"""Cypher fragments shared by the analytics: what "active", "in scope" and "a cell" mean.

Every fragment is fixed text using only $parameters (see `Scope.params`); the query modules join them into
named queries, one variant per `Anchor`, so that a filtered query starts from the indexed Country, Region or
Theme node (or the organizations passing an actor filter) instead of scanning every Project. The theme,
crime-type and mechanism filters arrive resolved as lists ($themes, $crimes, $members) and the theme roll-up
as a map ($rollup: see `filters.resolve`), so no fragment walks the theme hierarchy or the memberships row by
row.
"""

from __future__ import annotations

from collections.abc import Mapping

from queries.active import active_as_of
from queries.filters import Anchor

__all__ = [
    "ACTIVE",
    "CRIME_OK",
    "GEO_OK",
    "MEMBERSHIP_ACTIVE",
    "PROJECT_OK",
    "PROJECT_SOURCES",
    "SCOPED_CELLS",
    "SCOPED_PROJECTS",
    "SCOPED_TAGS",
    "actor_ok",
    "anchored",
    "theme_ok",
]

# "Active as of D" (docs/model.md): the one rule, also used by the catalogue lists; with $as_of null, any
# project not withdrawn or cancelled.
ACTIVE = active_as_of("p")

# The project `p` has a crime type that is the filter's or narrower ($crimes holds their notations).
CRIME_OK = """($crime_type IS NULL
  OR EXISTS { MATCH (p)-[:CRIME_TYPE]->(scope_ct:Theme) WHERE scope_ct.notation IN $crimes })"""

MEMBERSHIP_ACTIVE = """((scope_m.start IS NULL OR $as_of IS NULL OR scope_m.start <= $as_of)
  AND (scope_m.end IS NULL OR $as_of IS NULL OR scope_m.end >= $as_of))"""


def actor_ok(variable: str) -> str:
    """The actor filters on an organization bound to `variable` (code-chosen); $members: the mechanism's
    members with a membership active at $as_of."""
    o = variable
    return f"""(($org_type_code IS NULL OR {o}.orgType = $org_type_code)
  AND ($org_kind IS NULL OR $org_kind IN labels({o}))
  AND ($mechanism IS NULL OR {o}.iri IN $members))"""


# A project bound to `p` is in scope: active, of the crime type, with an implementing actor that passes.
PROJECT_OK = f"""({ACTIVE} AND {CRIME_OK}
  AND (NOT $actor_filter OR EXISTS {{
    MATCH (p)-[:HAS_PARTICIPATION]->(scope_pa:Participation)-[:PARTICIPANT]->(scope_o:Organization)
    WHERE scope_pa.role = 'implementing' AND {actor_ok("scope_o")} }}))"""

# A country bound to `c` passes the country and region filters ($region_countries: the region's countries,
# resolved once per request instead of walked from every allocation).
GEO_OK = """(($country IS NULL OR c.iso2 = $country) AND ($region IS NULL OR c.iso2 IN $region_countries))"""


def theme_ok(variable: str) -> str:
    """The theme filter on a theme bound to `variable` (code-chosen): it is the filter theme or narrower."""
    return f"($theme IS NULL OR {variable}.notation IN $themes)"


# Candidate projects `p` (each once) reached from the anchor; the scope checks follow in SCOPED_PROJECTS (or,
# for the queries that apply their own, in those queries).
PROJECT_SOURCES: Mapping[Anchor, str] = {
    # the active interval's range index answers "active on $as_of" here, before any project is expanded
    Anchor.GLOBAL: f"MATCH (p:Project) WHERE {ACTIVE}",
    Anchor.ACTOR: f"""MATCH (scope_o:Organization) WHERE {actor_ok("scope_o")}
MATCH (scope_o)<-[:PARTICIPANT]-(scope_pa:Participation)<-[:HAS_PARTICIPATION]-(p:Project)
WHERE scope_pa.role = 'implementing'
WITH DISTINCT p""",
    Anchor.COUNTRY: """MATCH (:Country {iso2: $country})<-[:COUNTRY]-(:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p:Project)
WITH DISTINCT p""",
    Anchor.REGION: """MATCH (scope_c:Country) WHERE scope_c.iso2 IN $region_countries
MATCH (scope_c)<-[:COUNTRY]-(:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p:Project)
WITH DISTINCT p""",
    Anchor.THEME: """MATCH (scope_t:Theme) WHERE scope_t.notation IN $themes
MATCH (scope_t)<-[:THEME]-(p:Project)
WITH DISTINCT p""",
}

# In-scope projects `p` (active, of the crime type) with `implementers`: their distinct implementing
# organizations passing the actor filters; with an actor filter, only projects with at least one.
_IMPLEMENTERS = f"""COLLECT {{
  MATCH (p)-[:HAS_PARTICIPATION]->(scope_pa:Participation)-[:PARTICIPANT]->(scope_io:Organization)
  WHERE scope_pa.role = 'implementing' AND {actor_ok("scope_io")}
  RETURN DISTINCT scope_io }} AS implementers
WHERE NOT $actor_filter OR size(implementers) > 0"""

# The candidate projects that are active and of the crime type: where every scoped fragment below starts.
_ACTIVE_SOURCES: Mapping[Anchor, str] = {
    anchor: f"""{text}
WITH p WHERE {ACTIVE} AND {CRIME_OK}"""
    for anchor, text in PROJECT_SOURCES.items()
}

SCOPED_PROJECTS: Mapping[Anchor, str] = {
    anchor: f"""{text}
WITH p, {_IMPLEMENTERS}"""
    for anchor, text in _ACTIVE_SOURCES.items()
}

_ALLOCATIONS = f"""MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}"""

# In-scope (project, allocation, country, theme) rows, the theme rolled up to every broader theme: `b`, the
# theme's notation (its label: $theme_labels[b]); `implementers` as in SCOPED_PROJECTS. The roll-up arrives
# resolved ($rollup: per notation, itself and its broader notations that pass the theme filter,
# `filters.resolve`): walking BROADER* from every tag of every project was a third of the database hits of a
# theme-filtered coverage at 100k projects. A THEME link always ends at a Theme (the shapes), so its end is not
# checked again. The themes are read before the implementers: a project on no theme in scope (at 100k, more
# than half the active ones: unclassified, or off the theme filter) is dropped before its participations are
# walked. A cell's theme is its notation, not its node: reaching the broader Theme nodes (by index seek, later
# by element id) per notation and project was a quarter, then a tenth, of a theme-filtered coverage's time.
SCOPED_CELLS: Mapping[Anchor, str] = {
    anchor: f"""{text}
WITH p, COLLECT {{
  MATCH (p)-[:THEME]->(scope_t)
  UNWIND $rollup[scope_t.notation] AS scope_n
  RETURN DISTINCT scope_n }} AS scope_themes
WHERE size(scope_themes) > 0
WITH p, scope_themes, {_IMPLEMENTERS}
{_ALLOCATIONS}
UNWIND scope_themes AS b"""
    for anchor, text in _ACTIVE_SOURCES.items()
}

# In-scope (project, allocation, country, theme) rows with the theme as tagged (no roll-up): `t`; the themes
# read before the implementers, as in SCOPED_CELLS.
SCOPED_TAGS: Mapping[Anchor, str] = {
    anchor: f"""{text}
WITH p, COLLECT {{
  MATCH (p)-[:THEME]->(scope_t:Theme) WHERE {theme_ok("scope_t")} RETURN DISTINCT scope_t }} AS scope_themes
WHERE size(scope_themes) > 0
WITH p, scope_themes, {_IMPLEMENTERS}
{_ALLOCATIONS}
UNWIND scope_themes AS t"""
    for anchor, text in _ACTIVE_SOURCES.items()
}


def anchored(cells: Mapping[Anchor, str], body: str) -> dict[Anchor, str]:
    """One named query per anchor: the scoped rows followed by `body`."""
    return {anchor: f"{text}\n{body}" for anchor, text in cells.items()}
