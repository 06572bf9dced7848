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

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph.store import Graph
from ontology.organizations import actor_kinds
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, resolve
from queries.money import Money, totals
from queries.scope import GEO_OK, MEMBERSHIP_ACTIVE, SCOPED_PROJECTS

__all__ = [
    "DEFAULT_LINK_LIMIT",
    "DEFAULT_ORGANIZATION_LIMIT",
    "DEFAULT_PLACE_LIMIT",
    "MAX_LIMIT",
    "OVERVIEW_MECHANISMS",
    "OVERVIEW_ORGANIZATIONS",
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


def _weights(anchor: Anchor, level: Level) -> str:
    return f"""{SCOPED_PROJECTS[anchor]}
WITH p, implementers WHERE size(implementers) > 0
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}
{_PLACE_OF[level]}
WITH p, implementers, place, sum(p.budget * coalesce(a.percentage, 100.0) / 100.0) AS share
WITH p, implementers, collect(place) AS keys, collect(share) AS shares
UNWIND range(0, size(keys) - 1) AS i
UNWIND range(0, size(implementers) - 1) AS j
WITH implementers[j] AS o, keys[i] AS place, p.currency AS currency, shares[i] AS share,
  i = 0 AS first_place, j = 0 AS first_org, p.budget IS NOT NULL AS priced
WITH o.iri AS org, place, currency, count(*) AS projects,
  sum(CASE WHEN first_place THEN 1 ELSE 0 END) AS org_projects,
  sum(CASE WHEN first_org THEN 1 ELSE 0 END) AS place_projects,
  sum(CASE WHEN first_org AND first_place THEN 1 ELSE 0 END) AS firsts,
  sum(CASE WHEN priced THEN share ELSE 0.0 END) AS amount,
  sum(CASE WHEN priced THEN 1 ELSE 0 END) AS priced,
  sum(CASE WHEN priced AND first_org THEN share ELSE 0.0 END) AS place_amount,
  sum(CASE WHEN priced AND first_org THEN 1 ELSE 0 END) AS place_priced
RETURN org, collect([place, currency, projects, org_projects, place_projects, firsts, amount, priced,
  place_amount, place_priced]) AS links"""


# Parameters: Scope.params(). Columns, one row per implementing organization of the in-scope active
#   projects: org (iri) and links, a list with one entry per (place, currency) of its projects:
#   [place (key), currency, projects (of the organization there, in that currency), org_projects (those whose
#   first place this is: summed over places, each project counts once for the organization), place_projects
#   (those whose first implementer this is: summed over organizations, each project counts once for the
#   place), firsts (projects counted here once for the whole overview), amount and priced (the budget shares
#   for the place and how many projects have a budget), place_amount and place_priced (the same over
#   place_projects)], unpacked in this order by `_Totals`.
# The projects are scanned once and grouped once, streaming (no list of every project is held); the
# organization and place totals and the top-N are then a few thousand additions in Python. A project with
# several allocations in one region counts once there, with their shares added. The (place, currency)
# entries come as lists in one row per organization rather than one row each: at 100k projects the 25,000
# rows cost the driver and Python more than the statement cost Neo4j.
OVERVIEW_WEIGHTS: dict[Level, dict[Anchor, str]] = {
    level: {anchor: _weights(anchor, level) for anchor in Anchor} for level in Level
}

# Parameters: $orgs (iris), $actor_kinds. Columns: iri, name, short_name, kind (most specific label).
OVERVIEW_ORGANIZATIONS = """UNWIND $orgs AS key
MATCH (o:Organization {iri: key})
RETURN o.iri AS iri, o.name AS name, o.shortName AS short_name, head([k IN $actor_kinds WHERE k IN labels(o)]) AS kind"""

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
    _limit("organization limit", organization_limit)
    _limit("place limit", place_limit)
    _limit("link limit", link_limit)
    scope = resolve(graph, filters or Filters(), as_of)
    rows = graph.read_kept(OVERVIEW_WEIGHTS[level][scope.anchor], scope.params())
    totals = _Totals(rows)
    orgs = sorted(totals.org_projects, key=lambda iri: (-totals.org_projects[iri], iri))
    keys = sorted(totals.place_projects, key=lambda key: (-totals.place_projects[key], key))
    shown_orgs, shown_places = orgs[:organization_limit], keys[:place_limit]
    kept_orgs, kept_places = set(shown_orgs), set(shown_places)
    candidates = sorted(
        (pair for pair in totals.link_projects if pair[0] in kept_orgs and pair[1] in kept_places),
        key=lambda pair: (-totals.link_projects[pair], pair),
    )[:link_limit]
    about = {
        r["iri"]: r
        for r in graph.read(OVERVIEW_ORGANIZATIONS, {"orgs": shown_orgs, "actor_kinds": list(actor_kinds())})
    }
    named = {r["key"]: r for r in graph.read(OVERVIEW_PLACES[level], {"keys": shown_places})}
    mechanisms = graph.read(OVERVIEW_MECHANISMS, {"orgs": shown_orgs, "as_of": scope.as_of})
    return NetworkOverview(
        as_of=scope.as_of,
        level=level,
        projects=totals.projects,
        organizations=tuple(
            OrganizationWeight(
                iri=iri,
                name=about.get(iri, {}).get("name"),
                short_name=about.get(iri, {}).get("short_name"),
                kind=about.get(iri, {}).get("kind"),
                projects=totals.org_projects[iri],
                places=totals.org_places[iri],
                budgets=totals.money(totals.org_budget[iri]),
            )
            for iri in shown_orgs
        ),
        places=tuple(
            PlaceWeight(
                key=key,
                name=named.get(key, {}).get("name"),
                region=named.get(key, {}).get("region"),
                projects=totals.place_projects[key],
                organizations=totals.place_orgs[key],
                budgets=totals.money(totals.place_budget[key]),
            )
            for key in shown_places
        ),
        links=tuple(
            Link(
                org, place, totals.link_projects[(org, place)], totals.money(totals.link_budget[(org, place)])
            )
            for org, place in candidates
        ),
        mechanisms=tuple(
            Mechanism(m["iri"], m["name"], m["short_name"], tuple(sorted(m["members"]))) for m in mechanisms
        ),
        organizations_left_out=len(orgs) - len(shown_orgs),
        places_left_out=len(keys) - len(shown_places),
        links_left_out=len(totals.link_projects) - len(candidates),
    )


_Budget = dict[str | None, list[float]]
"""Per currency: [amount, how many projects had a budget]."""


class _Totals:
    """The per-(organization, place, currency) entries of OVERVIEW_WEIGHTS added up per organization, place, link."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.org_projects: Counter[str] = Counter()
        self.place_projects: Counter[str] = Counter()
        self.projects = 0
        self.link_projects: Counter[tuple[str, str]] = Counter()
        self.org_budget: dict[str, _Budget] = defaultdict(dict)
        self.place_budget: dict[str, _Budget] = defaultdict(dict)
        self.link_budget: dict[tuple[str, str], _Budget] = defaultdict(dict)
        # 25,000 entries at 100k projects: unpacked, and the totals bound to locals, in the loop.
        org_projects, place_projects, link_projects = (
            self.org_projects,
            self.place_projects,
            self.link_projects,
        )
        place_budget, link_budget = self.place_budget, self.link_budget
        for row in rows:
            org = row["org"]
            org_budget = self.org_budget[org]
            for entry in row["links"]:
                (place, currency, projects, org_count, place_count, firsts, amount, priced, place_amount,
                 place_priced) = entry  # fmt: skip
                link = (org, place)
                org_projects[org] += org_count
                place_projects[place] += place_count
                self.projects += firsts
                link_projects[link] += projects
                _add(org_budget, currency, amount, priced)
                _add(link_budget[link], currency, amount, priced)
                _add(place_budget[place], currency, place_amount, place_priced)
        self.org_places: Counter[str] = Counter(org for org, _ in self.link_projects)
        self.place_orgs: Counter[str] = Counter(place for _, place in self.link_projects)

    @staticmethod
    def money(budget: _Budget) -> tuple[Money, ...]:
        return totals((currency, amount) for currency, (amount, priced) in budget.items() if priced > 0)


def _add(budget: _Budget, currency: str | None, amount: float, priced: int) -> None:
    sums = budget.get(currency)
    if sums is None:
        budget[currency] = [amount, priced]
    else:
        sums[0] += amount
        sums[1] += priced


def _limit(name: str, value: int) -> int:
    if not 0 <= value <= MAX_LIMIT:
        raise InvalidFilter(f"{name} {value} must be between 0 and {MAX_LIMIT}; ask for fewer, such as 100.")
    return value
