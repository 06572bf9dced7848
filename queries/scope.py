"""Cypher fragments shared by the analytics: what "active", "in scope" and "a cell" mean.

Every fragment is fixed text using only $parameters (see `Scope.params`); the query modules join them into
named queries, one variant per `Anchor`, so that a filtered query starts from the indexed Country, Region or
Theme node instead of scanning every Project.
"""

from __future__ import annotations

from collections.abc import Mapping

from queries.filters import Anchor

__all__ = [
    "ACTIVE",
    "CRIME_OK",
    "GEO_OK",
    "MEMBERSHIP_ACTIVE",
    "PROJECT_OK",
    "SCOPED_CELLS",
    "SCOPED_TAGS",
    "actor_ok",
    "anchored",
    "theme_ok",
]

# "Active as of D" (docs/model.md); with $as_of null, any project not withdrawn or cancelled.
ACTIVE = """(coalesce(p.withdrawn, false) = false AND coalesce(p.status, '') <> '5'
  AND ($as_of IS NULL OR (
    (coalesce(p.actualStart, p.plannedStart) IS NULL OR coalesce(p.actualStart, p.plannedStart) <= $as_of)
    AND (coalesce(p.actualEnd, p.plannedEnd) IS NULL OR coalesce(p.actualEnd, p.plannedEnd) >= $as_of))))"""

CRIME_OK = """($crime_type IS NULL
  OR EXISTS { MATCH (p)-[:CRIME_TYPE]->(:Theme)-[:BROADER*0..]->(:Theme {notation: $crime_type}) })"""

MEMBERSHIP_ACTIVE = """((scope_m.start IS NULL OR $as_of IS NULL OR scope_m.start <= $as_of)
  AND (scope_m.end IS NULL OR $as_of IS NULL OR scope_m.end >= $as_of))"""


def actor_ok(variable: str) -> str:
    """The actor filters on an organization bound to `variable` (code-chosen)."""
    o = variable
    return f"""(($org_type_code IS NULL OR {o}.orgType = $org_type_code)
  AND ($org_kind IS NULL OR $org_kind IN labels({o}))
  AND ($mechanism IS NULL OR EXISTS {{
    MATCH ({o})<-[:MEMBER]-(scope_m:Membership)-[:ORGANIZATION]->(:CoordinationMechanism {{iri: $mechanism}})
    WHERE {MEMBERSHIP_ACTIVE} }}))"""


# A project bound to `p` is in scope: active, of the crime type, with an implementing actor that passes.
PROJECT_OK = f"""({ACTIVE} AND {CRIME_OK}
  AND (NOT $actor_filter OR EXISTS {{
    MATCH (p)-[:HAS_PARTICIPATION]->(scope_pa:Participation)-[:PARTICIPANT]->(scope_o:Organization)
    WHERE scope_pa.role = 'implementing' AND {actor_ok("scope_o")} }}))"""

# A country bound to `c` passes the country and region filters.
GEO_OK = """(($country IS NULL OR c.iso2 = $country)
  AND ($region IS NULL OR EXISTS { MATCH (c)-[:REGION|SUBREGION]->(:Region {m49: $region}) }))"""


def theme_ok(variable: str) -> str:
    """The theme filter on a theme bound to `variable` (code-chosen): it is the filter theme or narrower."""
    return (
        f"($theme IS NULL OR EXISTS {{ MATCH ({variable})-[:BROADER*0..]->(:Theme {{notation: $theme}}) }})"
    )


_ANCHORS: Mapping[Anchor, str] = {
    Anchor.GLOBAL: f"""MATCH (p:Project) WHERE {PROJECT_OK}
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}""",
    Anchor.COUNTRY: f"""MATCH (c:Country {{iso2: $country}})
MATCH (c)<-[:COUNTRY]-(a:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p:Project)
WHERE {GEO_OK} AND {PROJECT_OK}""",
    Anchor.REGION: f"""MATCH (:Region {{m49: $region}})<-[:REGION|SUBREGION]-(c:Country)
WITH DISTINCT c
MATCH (c)<-[:COUNTRY]-(a:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p:Project)
WHERE {GEO_OK} AND {PROJECT_OK}""",
    Anchor.THEME: f"""MATCH (:Theme {{notation: $theme}})<-[:BROADER*0..]-(:Theme)<-[:THEME]-(p:Project)
WITH DISTINCT p WHERE {PROJECT_OK}
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}""",
}

# In-scope (project, allocation, country, theme) rows, the theme rolled up to every broader theme: `b`.
SCOPED_CELLS: Mapping[Anchor, str] = {
    anchor: f"""{text}
MATCH (p)-[:THEME]->(:Theme)-[:BROADER*0..]->(b:Theme)
WHERE {theme_ok("b")}
WITH DISTINCT p, a, c, b"""
    for anchor, text in _ANCHORS.items()
}

# In-scope (project, allocation, country, theme) rows with the theme as tagged (no roll-up): `t`.
SCOPED_TAGS: Mapping[Anchor, str] = {
    anchor: f"""{text}
MATCH (p)-[:THEME]->(t:Theme)
WHERE {theme_ok("t")}
WITH DISTINCT p, a, c, t"""
    for anchor, text in _ANCHORS.items()
}


def anchored(cells: Mapping[Anchor, str], body: str) -> dict[Anchor, str]:
    """One named query per anchor: the scoped rows followed by `body`."""
    return {anchor: f"{text}\n{body}" for anchor, text in cells.items()}
