"""Catalogue reads for the API: filtered, sorted, paginated lists and lookups by key.

Lists return `Page`s: the total count, the offset of the first item and the items. Lists scoped to a parent
(an organization's projects, a country's projects ...) take a batch of parent IRIs and answer them all in
one statement, so a nested GraphQL query costs one round trip per level, not per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph.store import Graph
from ontology import model as m
from queries.active import active_as_of
from queries.catalog_filters import (
    CountryFilter,
    OrganizationFilter,
    ProjectFilter,
    ProjectSort,
    Window,
    lucene_query,
)

__all__ = [
    "PROJECT_SCOPES",
    "Page",
    "countries",
    "nodes_by_key",
    "organizations",
    "projects",
    "simple_list",
]

T = TypeVar("T")
TOP = "*"

# -- the page tail shared by every list: collect the ordered rows per key, count them, slice the window ------
PAGE_TAIL = (
    " WITH key, collect(n) AS ns WITH key, ns, size(ns) AS total"
    " WITH key, ns, total, CASE WHEN $hi IS NULL OR $hi > total THEN total ELSE $hi END AS hi"
    " WITH key, ns, total, hi, CASE WHEN $lo > hi THEN hi ELSE $lo END AS lo"
    " WITH key, ns, total,"
    "  CASE WHEN $last IS NULL THEN lo WHEN hi - $last > lo THEN hi - $last ELSE lo END AS s,"
    "  CASE WHEN $first IS NULL THEN hi WHEN lo + $first < hi THEN lo + $first ELSE hi END AS e"
    " RETURN key, total, s AS offset, [x IN ns[s..e] | x {.*, labels: labels(x)}] AS items"
)

# -- where a project list starts ---------------------------------------------------------------------------
PROJECTS_ALL = "MATCH (n:Project) WITH $top AS key, n"
PROJECTS_SEARCHED = (
    "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node AS n "
    "WITH $top AS key, n WHERE n:Project"
)
ORGANIZATION_PROJECTS = (
    "UNWIND $keys AS key MATCH (:Organization {iri: key})<-[:PARTICIPANT]-(scope)"
    "<-[:HAS_PARTICIPATION]-(n) WHERE $role IS NULL OR scope.role = $role WITH DISTINCT key, n{carry}"
)
COUNTRY_PROJECTS = (
    "UNWIND $keys AS key MATCH (:Country {iri: key})<-[:COUNTRY]-(:CountryAllocation)"
    "<-[:HAS_COUNTRY_ALLOCATION]-(n:Project) WITH DISTINCT key, n{carry}"
)
THEME_PROJECTS = (
    "UNWIND $keys AS key MATCH (:Theme {iri: key})<-[:BROADER*0..]-(:Theme)<-[:THEME|CRIME_TYPE]-(n:Project) "
    "WITH DISTINCT key, n{carry}"
)
SEARCH_HITS = (
    "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node WITH collect(node) AS hits "
)
# A scoped list's start; `{carry}` is "" or ", hits" (the search hits carried to the filter), code text only.
# An organization's links are walked without testing the labels at their ends: cg:participant is only ever
# from a Participation and cg:hasParticipation from a Project (their rdfs:domain, which the sync core writes
# and tests/queries/test_catalog_scopes.py checks), and each test costs a db hit per link (a quarter of the walk).
PROJECT_SCOPES: dict[str, str] = {
    "organization": ORGANIZATION_PROJECTS,
    "country": COUNTRY_PROJECTS,
    "theme": THEME_PROJECTS,
}

# -- the same starts as patterns inside a per-key subquery (key, and hits when searching, in scope) --------
SCOPE_MATCHES: dict[str | None, str] = {
    None: "MATCH (n:Project)",
    "search": "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node AS n WITH n WHERE n:Project",
    "organization": "MATCH (:Organization {iri: key})<-[:PARTICIPANT]-(scope)"
    "<-[:HAS_PARTICIPATION]-(n) WHERE $role IS NULL OR scope.role = $role",
    "country": "MATCH (:Country {iri: key})<-[:COUNTRY]-(:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(n:Project)",
    "theme": "MATCH (:Theme {iri: key})<-[:BROADER*0..]-(:Theme)<-[:THEME|CRIME_TYPE]-(n:Project)",
}

# The same scopes read the other way, from a project `n` to the scope's node `anchor` (bound by the first
# fragment, from key): how many links the anchor has (the size of the scope's expansion, read from the node's
# degree), and the pattern (and its condition, "" for none) by which a project found in a sort index belongs.
SCOPE_ANCHORS: dict[str, tuple[str, str, str, str]] = {
    "organization": (
        "MATCH (anchor:Organization {iri: key})",
        "COUNT { (anchor)<-[:PARTICIPANT]-() }",
        "(n)-[:HAS_PARTICIPATION]->(scope)-[:PARTICIPANT]->(anchor)",
        "$role IS NULL OR scope.role = $role",
    ),
    "country": (
        "MATCH (anchor:Country {iri: key})",
        "COUNT { (anchor)<-[:COUNTRY]-() }",
        "(n)-[:HAS_COUNTRY_ALLOCATION]->(:CountryAllocation)-[:COUNTRY]->(anchor)",
        "",
    ),
}

# -- project filter fragments (n is the project) --------------------------------------------------------------
PROJECT_VISIBLE = "coalesce(n.withdrawn, false) = false"
PROJECT_IN_COUNTRIES = (
    "EXISTS { MATCH (n)-[:HAS_COUNTRY_ALLOCATION]->(:CountryAllocation)-[:COUNTRY]->(fc:Country) "
    "WHERE fc.iso2 IN $countries }"
)
PROJECT_IN_REGIONS = (
    "EXISTS { MATCH (n)-[:HAS_COUNTRY_ALLOCATION]->(:CountryAllocation)-[:COUNTRY]->(:Country)"
    "-[:REGION|SUBREGION]->(fr:Region) WHERE fr.m49 IN $regions }"
)
PROJECT_ON_THEMES = "EXISTS { MATCH (n)-[:THEME|CRIME_TYPE]->(:Theme)-[:BROADER*0..]->(ft:Theme) WHERE ft.notation IN $themes }"
PROJECT_OF_CRIME_TYPES = "EXISTS { MATCH (n)-[:CRIME_TYPE]->(:Theme)-[:BROADER*0..]->(fc:Theme) WHERE fc.notation IN $crime_types }"
PROJECT_WITH_PARTICIPANTS = (
    "EXISTS { MATCH (n)-[:HAS_PARTICIPATION]->(fx:Participation)-[:PARTICIPANT]->(fo:Organization) "
    "WHERE ($organizations IS NULL OR fo.iri IN $organizations) AND ($roles IS NULL OR fx.role IN $roles) "
    "AND ($org_types IS NULL OR fo.orgType IN $org_types) "
    "AND ($org_kinds IS NULL OR any(label IN labels(fo) WHERE label IN $org_kinds)) }"
)
PROJECT_OF_MECHANISMS = (
    "EXISTS { MATCH (n)-[:HAS_PARTICIPATION]->(:Participation)-[:PARTICIPANT]->(:Organization)"
    "<-[:MEMBER]-(:Membership)-[:ORGANIZATION]->(fm:CoordinationMechanism) WHERE fm.iri IN $mechanisms }"
)
PROJECT_IN_STATUSES = "n.status IN $statuses"
# the analytics' rule (queries.active): a project without a status is active, a withdrawn one never is
PROJECT_ACTIVE = active_as_of("n")
PROJECT_OF_PARTNER = "n.partner = $partner"
PROJECT_IN_HITS = "n IN hits"

# a project's country allocations inside its map, shaped as the items of api_relations.PROJECT_COUNTRIES
PROJECT_COUNTRIES_ENTRY = (
    ", cgCountries: COLLECT { MATCH (n)-[:HAS_COUNTRY_ALLOCATION]->(a:CountryAllocation)-[:COUNTRY]->(t:Country) "
    "WITH a, t ORDER BY coalesce(a.percentage, 0) DESC, t.iso2 "
    "RETURN {percentage: a.percentage, project: n.iri, "
    "node: t {.iri, .iso2, .iso3, .isoNumeric, .name, labels: labels(t)}} }"
)

PROJECT_ORDER: dict[str, str] = {
    "TITLE": "n.title",
    "IDENTIFIER": "n.identifier",
    "START": "coalesce(n.actualStart, n.plannedStart)",
    "END": "coalesce(n.actualEnd, n.plannedEnd)",
    "BUDGET": "n.budget",
}

# -- organizations and countries -----------------------------------------------------------------------------
ORGANIZATIONS_ALL = "MATCH (n:Organization) WITH $top AS key, n"
ORGANIZATIONS_SEARCHED = (
    "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node AS n "
    "WITH $top AS key, n WHERE n:Organization"
)
ORGANIZATION_OF_KINDS = "any(label IN labels(n) WHERE label IN $kinds)"
ORGANIZATION_OF_TYPES = "n.orgType IN $types"
ORGANIZATION_IN_MECHANISMS = (
    "EXISTS { MATCH (n)<-[:MEMBER]-(:Membership)-[:ORGANIZATION]->(fm:CoordinationMechanism) "
    "WHERE fm.iri IN $mechanisms }"
)
ORGANIZATION_ORDER: dict[str, str] = {"NAME": "n.name", "SHORT_NAME": "coalesce(n.shortName, n.name)"}

COUNTRIES_ALL = "MATCH (n:Country) WITH $top AS key, n"
COUNTRIES_SEARCHED = (
    "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node AS n "
    "WITH $top AS key, n WHERE n:Country"
)
COUNTRY_IN_REGIONS = "EXISTS { MATCH (n)-[:REGION|SUBREGION]->(fr:Region) WHERE fr.m49 IN $regions }"

# -- simple lists of one label, ordered by a name ------------------------------------------------------------
SIMPLE_LISTS: dict[str, str] = {
    "Theme": "MATCH (n:Theme) WHERE $scheme IS NULL OR n.scheme = $scheme WITH $top AS key, n "
    "ORDER BY n.scheme, n.notation",
    "Region": "MATCH (n:Region) WITH $top AS key, n ORDER BY n.m49",
    "LegalInstrument": "MATCH (n:LegalInstrument) WITH $top AS key, n ORDER BY n.adopted, n.name, n.iri",
    "Commitment": "MATCH (n:Commitment) WHERE $country IS NULL OR EXISTS { MATCH (n)-[:STATE|COUNTRY]->"
    "(:Country {iso2: $country}) } WITH $top AS key, n ORDER BY n.iri",
    "Fund": "MATCH (n:Fund) WITH $top AS key, n ORDER BY n.name, n.iri",
    "Grant": "MATCH (n:Grant) WITH $top AS key, n ORDER BY n.start, n.iri",
}

# -- lookups ---------------------------------------------------------------------------------------------------
ORGANIZATION_BY_IDENTIFIER = (
    "UNWIND $keys AS key MATCH (t:Organization {identifier: key}) "
    "RETURN key, collect(t {.*, labels: labels(t)}) AS items"
)
PROJECT_BY_IDENTIFIER = (
    "UNWIND $keys AS key MATCH (t:Project {identifier: key}) WHERE $partner IS NULL OR t.partner = $partner "
    "RETURN key, collect(t {.*, labels: labels(t)}) AS items"
)
COUNTRY_BY_ISO2 = "UNWIND $keys AS key MATCH (t:Country {iso2: key}) RETURN key, collect(t {.*, labels: labels(t)}) AS items"
THEME_BY_NOTATION = "UNWIND $keys AS key MATCH (t:Theme {notation: key}) RETURN key, collect(t {.*, labels: labels(t)}) AS items"
LOOKUPS: dict[str, str] = {
    "organization_identifier": ORGANIZATION_BY_IDENTIFIER,
    "project_identifier": PROJECT_BY_IDENTIFIER,
    "country_iso2": COUNTRY_BY_ISO2,
    "theme_notation": THEME_BY_NOTATION,
}


@dataclass(frozen=True)
class Page(Generic[T]):
    """A slice of a list: its items, the position of the first, whether more follow, the total if counted."""

    total: int | None
    offset: int
    items: list[T]
    has_next: bool = False
    countries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """When asked for: the country allocations of each item, by IRI, as `api_relations.PROJECT_COUNTRIES`."""


def _pages(
    graph: Graph, query: str, params: dict[str, Any], build: Callable[[dict[str, Any]], T]
) -> dict[str, Page[T]]:
    rows = graph.read(query, {"top": TOP, **params})
    pages = {}
    for row in rows:
        total, offset, items = int(row["total"]), int(row["offset"]), [build(item) for item in row["items"]]
        pages[row["key"]] = Page(total, offset, items, offset + len(items) < total)
    return pages


def _where(conditions: list[str], carry: str = "") -> str:
    return f" WITH key, n{carry} WHERE {' AND '.join(conditions)}" if conditions else ""


def _project_conditions(filter: ProjectFilter, params: dict[str, Any]) -> list[str]:
    conditions = [] if filter.include_withdrawn else [PROJECT_VISIBLE]
    if filter.countries:
        conditions.append(PROJECT_IN_COUNTRIES)
        params["countries"] = list(filter.countries)
    if filter.regions:
        conditions.append(PROJECT_IN_REGIONS)
        params["regions"] = list(filter.regions)
    if filter.themes:
        conditions.append(PROJECT_ON_THEMES)
        params["themes"] = list(filter.themes)
    if filter.crime_types:
        conditions.append(PROJECT_OF_CRIME_TYPES)
        params["crime_types"] = list(filter.crime_types)
    if filter.organizations or filter.roles or filter.organization_types or filter.organization_kinds:
        conditions.append(PROJECT_WITH_PARTICIPANTS)
        params["organizations"] = list(filter.organizations) or None
        params["roles"] = list(filter.roles) or None
        params["org_types"] = list(filter.organization_types) or None
        params["org_kinds"] = list(filter.organization_kinds) or None
    if filter.mechanisms:
        conditions.append(PROJECT_OF_MECHANISMS)
        params["mechanisms"] = list(filter.mechanisms)
    if filter.statuses:
        conditions.append(PROJECT_IN_STATUSES)
        params["statuses"] = list(filter.statuses)
    if filter.active_as_of is not None:
        conditions.append(PROJECT_ACTIVE)
        params["as_of"] = filter.active_as_of
    if filter.partner is not None:
        conditions.append(PROJECT_OF_PARTNER)
        params["partner"] = filter.partner
    return conditions


def _order(expression: str, descending: bool) -> str:
    direction = " DESC" if descending else ""
    return f" WITH key, n ORDER BY {expression}{direction}, n.iri{direction}"


def projects(
    graph: Graph,
    filter: ProjectFilter,
    sort: ProjectSort,
    window: Window,
    *,
    scope: str | None = None,
    keys: Sequence[str] = (),
    role: str | None = None,
    with_total: bool = True,
    with_countries: bool = False,
    properties: Sequence[str] | None = None,
) -> dict[str, Page[m.Project]]:
    """Projects matching `filter`, for each key of `scope` (or the whole catalogue under key TOP).

    With `with_countries`, each page also carries its projects' country allocations (one statement for both).
    With `properties` (names of `ontology.model.Project` properties), only those are read; the others keep their
    defaults.

    Forward pages (and backward ones bounded by `before`) are read with a top-k sort per key, counting only
    when `with_total`; a backward page from the end needs the whole ordered list and uses the slower tail.
    """
    if window.last is not None and window.hi is None:
        return _projects_from_end(graph, filter, sort, window, scope=scope, keys=keys, role=role)
    lo = window.lo
    if window.last is not None and window.hi is not None:
        lo = max(window.lo, window.hi - window.last)
        limit = max(0, window.hi - lo)
    else:
        limit = window.first if window.first is not None else 0
        if window.hi is not None:
            limit = max(0, min(limit, window.hi - lo))
    params: dict[str, Any] = {
        "keys": list(keys) if scope else [TOP],
        "role": role,
        "skip": lo,
        "probe": limit + 1,
    }
    conditions = _project_conditions(filter, params)
    search = lucene_query(filter.search or "")
    prefix, carry, match = "", "", SCOPE_MATCHES[scope]
    if search:
        params["search"] = search
        if scope is None:
            match = SCOPE_MATCHES["search"]
        else:
            prefix, carry = SEARCH_HITS, ", hits"
            conditions.append(PROJECT_IN_HITS)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    expression = PROJECT_ORDER[sort.field]
    direction = " DESC" if sort.descending else ""
    candidates = f"{match} WITH DISTINCT n{carry}{where}"
    query = (
        f"{prefix}UNWIND $keys AS key CALL (key{carry}) {{ {candidates} "
        f"WITH n ORDER BY {expression}{direction}, n.iri{direction} SKIP $skip LIMIT $probe "
        f"RETURN collect(n {{{_project_projection(properties)}"
        f"{PROJECT_COUNTRIES_ENTRY if with_countries else ''}}}) AS items }} "
    )
    if with_total:
        query += f"CALL (key{carry}) {{ {candidates} RETURN count(n) AS total }} RETURN key, items, total"
    else:
        query += "RETURN key, items, null AS total"
    pages: dict[str, Page[m.Project]] = {}
    for row in graph.read(query, params):
        items = [m.Project.from_node(item) for item in row["items"]]
        total = int(row["total"]) if row["total"] is not None else None
        countries = {str(item["iri"]): item["cgCountries"] for item in row["items"]} if with_countries else {}
        pages[row["key"]] = Page(total, lo, items[:limit], len(items) > limit, countries)
    return pages


def _project_projection(properties: Sequence[str] | None) -> str:
    """The map projection entries of a project node `n`: all properties, or `properties` and the IRI."""
    # Temporal values are read as ISO text, much cheaper to decode than the driver's DateTime values, and
    # `Project.from_node` parses them back.
    temporal = (*m.timestamp_properties(m.Project), *m.date_properties(m.Project))
    if properties is None:
        return ", ".join([".*", "labels: labels(n)", *(f"{name}: toString(n.{name})" for name in temporal)])
    names = {"iri", *properties}
    unknown = names - set(m.property_names(m.Project))
    if unknown:  # names come from code, never from a request
        raise ValueError(f"not properties of a project: {', '.join(sorted(unknown))}")
    entries = [f".{name}" for name in sorted(names) if name not in temporal]
    entries += [f"{name}: toString(n.{name})" for name in sorted(names) if name in temporal]
    return ", ".join([*entries, "labels: labels(n)"])


def _projects_from_end(
    graph: Graph,
    filter: ProjectFilter,
    sort: ProjectSort,
    window: Window,
    *,
    scope: str | None,
    keys: Sequence[str],
    role: str | None,
) -> dict[str, Page[m.Project]]:
    params: dict[str, Any] = {**window.params(), "keys": list(keys), "role": role}
    conditions = _project_conditions(filter, params)
    search = lucene_query(filter.search or "")
    carry = ""
    if search:
        params["search"] = search
    if scope is None:
        start = PROJECTS_SEARCHED if search else PROJECTS_ALL
    elif search:
        carry = ", hits"
        start = SEARCH_HITS + PROJECT_SCOPES[scope].replace("{carry}", carry)
        conditions.append(PROJECT_IN_HITS)
    else:
        start = PROJECT_SCOPES[scope].replace("{carry}", "")
    query = start + _where(conditions, carry) + _order(PROJECT_ORDER[sort.field], sort.descending) + PAGE_TAIL
    return _pages(graph, query, params, m.Project.from_node)


def organizations(graph: Graph, filter: OrganizationFilter, window: Window) -> Page[m.Organization]:
    """Organizations matching `filter`, sorted by name."""
    params: dict[str, Any] = window.params()
    search = lucene_query(filter.search or "")
    start = ORGANIZATIONS_SEARCHED if search else ORGANIZATIONS_ALL
    if search:
        params["search"] = search
    conditions = []
    if filter.kinds:
        conditions.append(ORGANIZATION_OF_KINDS)
        params["kinds"] = list(filter.kinds)
    if filter.types:
        conditions.append(ORGANIZATION_OF_TYPES)
        params["types"] = list(filter.types)
    if filter.mechanisms:
        conditions.append(ORGANIZATION_IN_MECHANISMS)
        params["mechanisms"] = list(filter.mechanisms)
    query = (
        start + _where(conditions) + _order(ORGANIZATION_ORDER[filter.sort], filter.descending) + PAGE_TAIL
    )
    return _pages(graph, query, params, m.Organization.from_node).get(TOP, Page(0, 0, []))


def countries(graph: Graph, filter: CountryFilter, window: Window) -> Page[m.Country]:
    """Countries matching `filter`, sorted by name."""
    params: dict[str, Any] = window.params()
    search = lucene_query(filter.search or "")
    start = COUNTRIES_SEARCHED if search else COUNTRIES_ALL
    if search:
        params["search"] = search
    conditions = []
    if filter.regions:
        conditions.append(COUNTRY_IN_REGIONS)
        params["regions"] = list(filter.regions)
    query = start + _where(conditions) + _order("n.name", False) + PAGE_TAIL
    return _pages(graph, query, params, m.Country.from_node).get(TOP, Page(0, 0, []))


def simple_list(
    graph: Graph, label: str, window: Window, build: Callable[[dict[str, Any]], T], **params: Any
) -> Page[T]:
    """One page of the nodes of `label` (a key of SIMPLE_LISTS) in their natural order."""
    query = SIMPLE_LISTS[label] + PAGE_TAIL
    return _pages(graph, query, {**window.params(), **params}, build).get(TOP, Page(0, 0, []))


def nodes_by_key(
    graph: Graph, lookup: str, keys: Sequence[str], **params: Any
) -> dict[str, list[dict[str, Any]]]:
    """Node maps found by a lookup of LOOKUPS (by identifier, ISO code, notation), for a batch of keys."""
    rows = graph.read(LOOKUPS[lookup], {"keys": list(keys), **params})
    return {row["key"]: row["items"] for row in rows}
