"""The network overview: implementing organizations and the places they work in, weighted, aggregated in Neo4j.

One statement scans the in-scope projects once (the analytics' scope: active as of the date, of the crime type,
with an implementer passing the actor filters, see `queries.scope`) and returns the heaviest organizations,
the heaviest places (countries, or their M49 regions) and the links between them, each weighted by its
active projects and its budget per currency (never summed across currencies, as `queries.money` reports
money), with the count of what the limits left out. A second, small statement names the places and the
coordination mechanisms the shown organizations belong to on the date. Overlaps and gaps per place come
from `queries.overview_findings`, which reuses the analytics themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph.store import Graph
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, Scope, resolve
from queries.money import Money, money_from_rows
from queries.scope import GEO_OK, MEMBERSHIP_ACTIVE, SCOPED_PROJECTS

__all__ = [
    "DEFAULT_LINK_LIMIT",
    "DEFAULT_ORGANIZATION_LIMIT",
    "DEFAULT_PLACE_LIMIT",
    "MAX_LIMIT",
    "OVERVIEW_MECHANISMS",
    "OVERVIEW_PLACES",
    "OVERVIEW_WEIGHTS",
    "Level",
    "Link",
    "Mechanism",
    "NetworkOverview",
    "OrganizationWeight",
    "PlaceWeight",
    "network_overview",
]

DEFAULT_ORGANIZATION_LIMIT = 60
DEFAULT_PLACE_LIMIT = 80
DEFAULT_LINK_LIMIT = 600
MAX_LIMIT = 5000
"""The most of any one list a request may ask for (a view of more cannot be read anyway)."""


class Level(Enum):
    """What a place of the overview is: a country, or the M49 region (continent) its countries belong to."""

    COUNTRY = "country"
    REGION = "region"


@dataclass(frozen=True)
class OrganizationWeight:
    iri: str
    name: str | None
    short_name: str | None
    kind: str | None
    """The organization's most specific label (Agency, NGO, CoordinationMechanism ...)."""
    projects: int
    """Its active in-scope projects (each once, however many places it has)."""
    places: int
    """How many places it works in (over every place, shown or not)."""
    budgets: tuple[Money, ...]
    """Its projects' budget for the places in scope, per currency (allocation percentages applied)."""


@dataclass(frozen=True)
class PlaceWeight:
    key: str
    """ISO 3166-1 alpha-2 code of a country, or the M49 code of a region ('' when a country has none)."""
    name: str | None
    region: str | None
    """For a country: the M49 code of its region (for grouping and colour); None for a region."""
    projects: int
    organizations: int
    """How many implementing organizations work there (shown or not)."""
    budgets: tuple[Money, ...]


@dataclass(frozen=True)
class Link:
    """An organization implementing active projects in a place."""

    organization: str
    place: str
    projects: int
    budgets: tuple[Money, ...]


@dataclass(frozen=True)
class Mechanism:
    """A coordination mechanism and those of the shown organizations that are members on the date."""

    iri: str
    name: str | None
    short_name: str | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class NetworkOverview:
    as_of: date | None
    level: Level
    projects: int
    """Active in-scope projects with an implementer (the total behind every weight)."""
    organizations: tuple[OrganizationWeight, ...]
    places: tuple[PlaceWeight, ...]
    links: tuple[Link, ...]
    mechanisms: tuple[Mechanism, ...]
    organizations_left_out: int
    places_left_out: int
    links_left_out: int
    """Links not shown: those of a left-out organization or place, and those past the link limit."""


# Binds `place` (the key) for the country `c` of an allocation `a`, per level.
_PLACE_OF: Mapping[Level, str] = {
    Level.COUNTRY: "WITH p, implementers, a, c.iso2 AS place",
    Level.REGION: """WITH p, implementers, a,
  coalesce(head(COLLECT { MATCH (c)-[:REGION]->(r:Region) RETURN r.m49 AS m49 ORDER BY m49 }), '') AS place""",
}

# The budget of a group of (currency, amount, priced) rows: one {currency, amount} per currency that has an
# amount at all (a currency whose projects all lack a budget has no total, not a total of 0).
_MONEY = "collect(CASE WHEN priced > 0 THEN {currency: currency, amount: amount} END)"


def _weights(anchor: Anchor, level: Level) -> str:
    return f"""{SCOPED_PROJECTS[anchor]}
WITH p, implementers WHERE size(implementers) > 0
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}
{_PLACE_OF[level]}
WITH p, implementers, place, sum(p.budget * coalesce(a.percentage, 100.0) / 100.0) AS share
WITH p, implementers, collect({{key: place, share: share}}) AS places, sum(share) AS total
WITH collect({{orgs: implementers, places: places, total: total, currency: p.currency,
  priced: CASE WHEN p.budget IS NULL THEN 0 ELSE 1 END}}) AS rows
CALL (rows) {{
  UNWIND rows AS r
  UNWIND r.orgs AS o
  WITH o, r.currency AS currency, count(*) AS n, sum(r.total) AS amount, sum(r.priced) AS priced
  WITH o, sum(n) AS projects, {_MONEY} AS budgets
  ORDER BY projects DESC, o.iri
  RETURN collect({{o: o, projects: projects, budgets: budgets}}) AS orgs
}}
CALL (rows) {{
  UNWIND rows AS r
  UNWIND r.places AS pl
  WITH pl.key AS key, r.currency AS currency, count(*) AS n, sum(pl.share) AS amount, sum(r.priced) AS priced
  WITH key, sum(n) AS projects, {_MONEY} AS budgets
  ORDER BY projects DESC, key
  RETURN collect({{key: key, projects: projects, budgets: budgets}}) AS places
}}
WITH rows, orgs, places, [x IN orgs[..$organization_limit] | x.o.iri] AS shown_orgs,
  [x IN places[..$place_limit] | x.key] AS shown_places
CALL (rows, shown_orgs, shown_places) {{
  UNWIND rows AS r
  UNWIND r.orgs AS o
  UNWIND r.places AS pl
  WITH o, pl.key AS key, r.currency AS currency, count(*) AS n, sum(pl.share) AS amount, sum(r.priced) AS priced
  WITH o, key, sum(n) AS projects, {_MONEY} AS budgets
  WITH collect({{org: o.iri, place: key, projects: projects, budgets: budgets}}) AS all_links
  WITH all_links, [x IN all_links WHERE x.org IN shown_orgs AND x.place IN shown_places] AS candidates
  RETURN size(all_links) AS link_count, all_links, candidates
}}
WITH rows, orgs, places, shown_orgs, shown_places, link_count, candidates,
  COLLECT {{ UNWIND all_links AS x WITH x.org AS org, count(*) AS n RETURN {{org: org, n: n}} }} AS spread_by_org,
  COLLECT {{ UNWIND all_links AS x WITH x.place AS key, count(*) AS n RETURN {{key: key, n: n}} }} AS spread_by_place
RETURN size(rows) AS projects,
  [x IN orgs[..$organization_limit] | {{iri: x.o.iri, name: x.o.name, short_name: x.o.shortName,
    kind: head([k IN $actor_kinds WHERE k IN labels(x.o)]), projects: x.projects, budgets: x.budgets}}] AS organizations,
  size(orgs) AS organization_count,
  places[..$place_limit] AS places, size(places) AS place_count,
  COLLECT {{ UNWIND candidates AS x WITH x ORDER BY x.projects DESC, x.org, x.place LIMIT $link_limit RETURN x }} AS links,
  link_count,
  [x IN spread_by_org WHERE x.org IN shown_orgs] AS org_spread,
  [x IN spread_by_place WHERE x.key IN shown_places] AS place_spread"""


# Parameters: Scope.params() plus $organization_limit, $place_limit, $link_limit (ints).
# Columns: projects (in-scope active projects with an implementer and a place in scope), organizations (the
#   heaviest $organization_limit: [{iri, name, short_name, kind, projects, budgets: [{currency, amount}]}],
#   by projects then iri), organization_count, places (the heaviest $place_limit: [{key, projects, budgets}]),
#   place_count, links (between shown ones, the heaviest $link_limit: [{org, place, projects, budgets}]),
#   link_count (every organization-place pair), org_spread ([{org, n}]: places per shown organization),
#   place_spread ([{key, n}]: organizations per shown place).
# The projects are scanned once and collected (one row per project with its implementers and places), then
# grouped three ways; a project with several allocations in one region counts once there, with their shares.
OVERVIEW_WEIGHTS: dict[Level, dict[Anchor, str]] = {
    level: {anchor: _weights(anchor, level) for anchor in Anchor} for level in Level
}

# Parameters: $keys (place keys). Columns: key, name, region (the M49 code of a country's region, or null).
OVERVIEW_PLACES: Mapping[Level, str] = {
    Level.COUNTRY: """UNWIND $keys AS key
MATCH (c:Country {iso2: key})
RETURN key, c.name AS name,
  head(COLLECT { MATCH (c)-[:REGION]->(r:Region) RETURN r.m49 AS m49 ORDER BY m49 }) AS region""",
    Level.REGION: """UNWIND $keys AS key
OPTIONAL MATCH (r:Region {m49: key})
RETURN key, coalesce(r.name, CASE WHEN key = '' THEN 'Region not recorded' END) AS name, null AS region""",
}

# Parameters: $orgs (iris of the shown organizations), $as_of. Columns: iri, name, short_name, members (iris of
#   the shown organizations with a membership active on $as_of; any date when null), by iri.
OVERVIEW_MECHANISMS = f"""
MATCH (cm:CoordinationMechanism)<-[:ORGANIZATION]-(scope_m:Membership)-[:MEMBER]->(o:Organization)
WHERE o.iri IN $orgs AND {MEMBERSHIP_ACTIVE}
WITH cm, collect(DISTINCT o.iri) AS members
RETURN cm.iri AS iri, cm.name AS name, cm.shortName AS short_name, members
ORDER BY iri"""


def _limit(name: str, value: int) -> int:
    if not 0 <= value <= MAX_LIMIT:
        raise InvalidFilter(f"{name} {value} must be between 0 and {MAX_LIMIT}; ask for fewer, such as 100.")
    return value


def network_overview(
    graph: Graph,
    as_of: date | None,
    filters: Filters | None = None,
    level: Level = Level.COUNTRY,
    organization_limit: int = DEFAULT_ORGANIZATION_LIMIT,
    place_limit: int = DEFAULT_PLACE_LIMIT,
    link_limit: int = DEFAULT_LINK_LIMIT,
) -> NetworkOverview:
    """The heaviest organizations and places under the filters as of a date, their links and mechanisms."""
    limits = {
        "organization_limit": _limit("organization limit", organization_limit),
        "place_limit": _limit("place limit", place_limit),
        "link_limit": _limit("link limit", link_limit),
    }
    scope = resolve(graph, filters or Filters(), as_of)
    row = graph.read(OVERVIEW_WEIGHTS[level][scope.anchor], scope.params(**limits))[0]
    return _assemble(graph, scope, level, row)


def _assemble(graph: Graph, scope: Scope, level: Level, row: dict[str, Any]) -> NetworkOverview:
    org_spread = {x["org"]: int(x["n"]) for x in row["org_spread"]}
    place_spread = {x["key"]: int(x["n"]) for x in row["place_spread"]}
    organizations = tuple(
        OrganizationWeight(
            iri=o["iri"],
            name=o["name"],
            short_name=o["short_name"],
            kind=o["kind"],
            projects=int(o["projects"]),
            places=org_spread.get(o["iri"], 0),
            budgets=money_from_rows(o["budgets"]),
        )
        for o in row["organizations"]
    )
    keys = [p["key"] for p in row["places"]]
    named = {r["key"]: r for r in graph.read(OVERVIEW_PLACES[level], {"keys": keys})} if keys else {}
    places = tuple(
        PlaceWeight(
            key=p["key"],
            name=named.get(p["key"], {}).get("name"),
            region=named.get(p["key"], {}).get("region"),
            projects=int(p["projects"]),
            organizations=place_spread.get(p["key"], 0),
            budgets=money_from_rows(p["budgets"]),
        )
        for p in row["places"]
    )
    links = tuple(
        Link(x["org"], x["place"], int(x["projects"]), money_from_rows(x["budgets"])) for x in row["links"]
    )
    orgs = [o.iri for o in organizations]
    mechanisms = tuple(
        Mechanism(m["iri"], m["name"], m["short_name"], tuple(sorted(m["members"])))
        for m in (graph.read(OVERVIEW_MECHANISMS, {"orgs": orgs, "as_of": scope.as_of}) if orgs else [])
    )
    return NetworkOverview(
        as_of=scope.as_of,
        level=level,
        projects=int(row["projects"]),
        organizations=organizations,
        places=places,
        links=links,
        mechanisms=mechanisms,
        organizations_left_out=int(row["organization_count"]) - len(organizations),
        places_left_out=int(row["place_count"]) - len(places),
        links_left_out=int(row["link_count"]) - len(links),
    )
