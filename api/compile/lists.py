"""Where a compiled list starts, what it keeps, how it is ordered and counted: index-backed where it can be.

The fragments are those of `queries.catalog` (one home for each filter's Cypher); their parameters are
renamed with the list's prefix, so nested lists never share one. A list sorted on a property the model
requires (a project's title or identifier, an organization's or country's name) states `IS NOT NULL` on it:
every stored node has it, and the predicate lets the planner read the property's range index in order and
stop after the page instead of sorting the whole label.
"""

from __future__ import annotations

import re
from typing import Any

from api.compile.plan import IndexWalk, NotCompilable
from api.compile.shapes import label, rel
from api.filters import CountryFilter, OrganizationSort, ProjectFilter, ProjectSort, organization_query
from api.pagination import window
from ontology.schema import class_schema
from queries import catalog
from queries.catalog_filters import lucene_query

__all__ = ["choose"]

_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
_PROPERTY = re.compile(r"^n\.(\w+)$")
_FULLTEXT = (
    "CALL db.index.fulltext.queryNodes('cg_names_fulltext', $search) YIELD node AS n WITH n WHERE n:{label}"
)

Choice = tuple[str, bool, bool, tuple[str, ...], str, str | None, IndexWalk | None]
"""start, scoped, distinct, conditions, order, count statement, index walk."""

WALK_BUDGET = 64
"""Candidates an index walk may read per item it must find (`skip` + `first` + 1)."""
BATCH_BUDGET = 128
"""Candidates the shared walk of a page's parents reads per item each must find."""

_VARIABLES = re.compile(r"(?<![\w.$`'])(n|key|scope|hits|total|fc|anchor)(?![\w`'])")


def _scoped(text: str, prefix: str) -> str:
    """The fragment with its parameters renamed `$<prefix><name>` and its variables `<name><suffix>`.

    Fragments are code text, never input; a list nested in a walk sees its parents' variables, which Cypher
    does not let it shadow, so each list's `n`, `key` ... carry the list's number.
    """
    suffix = prefix.strip("c_")
    renamed = _VARIABLES.sub(lambda match: f"{match.group(1)}{suffix}", text)
    return _PARAMETER.sub(lambda match: f"${prefix}{match.group(1)}", renamed)


def _countries_start() -> str:
    return (
        f"MATCH (fc:{label('Country')}) WHERE fc.iso2 IN $countries "
        f"MATCH (fc)<-[:{rel('country')}]-(:{label('CountryAllocation')})"
        f"<-[:{rel('hasCountryAllocation')}]-(n:{label('Project')})"
    )


def _visible_count() -> str:
    # the count store answers the first, the index on `withdrawn` the second: no scan of the label
    project = label("Project")
    return f"RETURN COUNT {{ MATCH (n:{project}) }} - COUNT {{ MATCH (n:{project}) WHERE n.withdrawn = true }} AS total"


def _ordered(label_name: str, expression: str, descending: bool) -> tuple[str, str | None]:
    """ORDER BY text (ties broken by IRI), and the `IS NOT NULL` that lets the range index order it."""
    direction = " DESC" if descending else ""
    order = f"{expression}{direction}, n.iri{direction}"
    match = _PROPERTY.match(expression)
    required = match is not None and (
        (prop := class_schema(label_name).properties.get(match.group(1))) is not None and prop.required
    )
    return order, f"{expression} IS NOT NULL" if required else None


def _window(arguments: dict[str, Any], params: dict[str, Any], prefix: str) -> None:
    if arguments.get("last") is not None or arguments.get("before") is not None:
        raise NotCompilable("backward pages")
    page = window(arguments.get("first"), arguments.get("after"), None, None)
    limit = page.first if page.first is not None else 0
    params.update({f"{prefix}skip": page.lo, f"{prefix}limit": limit, f"{prefix}probe": limit + 1})


def choose(
    item_type: str,
    scope: str | None,
    arguments: dict[str, Any],
    total: bool,
    params: dict[str, Any],
    prefix: str,
    *,
    nested: bool,
) -> Choice:
    """The pieces of a list of `item_type` (in `scope`, or the whole catalogue); fills `params`."""
    _window(arguments, params, prefix)
    found: dict[str, Any] = {}
    walk: IndexWalk | None = None
    if item_type == "Project":
        start, scoped, distinct, conditions, order, count = _projects(scope, arguments, found, total)
        walk = _walk(scope, arguments, conditions, prefix)
    elif item_type in ("Organization", "Country") and scope is None:
        start, scoped, distinct, conditions, order, count = _catalogue(item_type, arguments, found)
    else:
        raise NotCompilable(item_type)
    if walk is not None:
        found["reach"] = params[f"{prefix}skip"] + params[f"{prefix}probe"]
        found["budget"] = WALK_BUDGET * found["reach"]
        found["batch"] = BATCH_BUDGET * found["reach"]
    params.update({f"{prefix}{name}": value for name, value in found.items()})
    texts = [_scoped(text, prefix) for text in (start, *conditions)]
    statement = None
    if total:
        candidates = f"{start} WITH {'DISTINCT ' if distinct else ''}n" + (
            f" WHERE {' AND '.join(conditions)}" if conditions else ""
        )
        statement = _scoped(count if count else f"{candidates} RETURN count(n) AS total", prefix)
    return texts[0], scoped, distinct, tuple(texts[1:]), _scoped(order, prefix), statement, walk


def _walk(
    scope: str | None, arguments: dict[str, Any], conditions: list[str], prefix: str
) -> IndexWalk | None:
    """The index walk of a scoped project list sorted on a required property, with no filter but visibility.

    Other filters would make the share of the index that belongs to the page unknown; they expand the scope.
    """
    if scope not in catalog.SCOPE_ANCHORS or any(text != catalog.PROJECT_VISIBLE for text in conditions):
        return None
    sort: ProjectSort = arguments.get("sort") or ProjectSort()
    order_by = sort.to_query()
    expression = catalog.PROJECT_ORDER[order_by.field]
    _, indexed = _ordered("Project", expression, order_by.descending)
    match = _PROPERTY.match(expression)
    if indexed is None or match is None:
        return None
    anchor, degree, pattern, where = (_scoped(text, prefix) for text in catalog.SCOPE_ANCHORS[scope])
    return IndexWalk(anchor, degree, pattern, where, label("Project"), match.group(1), order_by.descending)


def _projects(
    scope: str | None, arguments: dict[str, Any], params: dict[str, Any], total: bool
) -> tuple[str, bool, bool, list[str], str, str | None]:
    given: ProjectFilter = arguments.get("filter") or ProjectFilter()
    sort: ProjectSort = arguments.get("sort") or ProjectSort()
    query, order_by = given.to_query(), sort.to_query()
    conditions = catalog._project_conditions(query, params)
    search = lucene_query(query.search or "")
    if scope is not None and search:
        raise NotCompilable("search within a scoped list")
    if scope is not None:
        start, distinct = catalog.SCOPE_MATCHES[scope], True
        params["role"] = str(arguments["role"].value) if arguments.get("role") is not None else None
    elif search:
        start, distinct = catalog.SCOPE_MATCHES["search"], False
        params["search"] = search
    elif query.countries:
        # a country's projects are found from the country, not by testing every project
        conditions = [text for text in conditions if text is not catalog.PROJECT_IN_COUNTRIES]
        start, distinct = _countries_start(), True
    else:
        start, distinct = catalog.SCOPE_MATCHES[None], False
    order, indexed = _ordered("Project", catalog.PROJECT_ORDER[order_by.field], order_by.descending)
    if indexed and scope is None and not search and not query.countries:
        conditions.insert(0, indexed)
    # the whole visible catalogue: counted without reading it
    plain = (
        scope is None
        and not search
        and not query.countries
        and [text for text in conditions if text != indexed] == [catalog.PROJECT_VISIBLE]
    )
    return (
        start,
        scope is not None,
        distinct,
        conditions,
        order,
        _visible_count() if total and plain else None,
    )


def _catalogue(
    item_type: str, arguments: dict[str, Any], params: dict[str, Any]
) -> tuple[str, bool, bool, list[str], str, str | None]:
    conditions: list[str] = []
    if item_type == "Organization":
        sort: OrganizationSort | None = arguments.get("sort")
        query = organization_query(arguments.get("filter"), sort)
        expression, descending = catalog.ORGANIZATION_ORDER[query.sort], query.descending
        if query.kinds:
            conditions.append(catalog.ORGANIZATION_OF_KINDS)
            params["kinds"] = list(query.kinds)
        if query.types:
            conditions.append(catalog.ORGANIZATION_OF_TYPES)
            params["types"] = list(query.types)
        if query.mechanisms:
            conditions.append(catalog.ORGANIZATION_IN_MECHANISMS)
            params["mechanisms"] = list(query.mechanisms)
        text = query.search
    else:
        country: CountryFilter = arguments.get("filter") or CountryFilter()
        countries = country.to_query()
        expression, descending = "n.name", False
        if countries.regions:
            conditions.append(catalog.COUNTRY_IN_REGIONS)
            params["regions"] = list(countries.regions)
        text = countries.search
    search = lucene_query(text or "")
    if search:
        start = _FULLTEXT.format(label=label(item_type))
        params["search"] = search
    else:
        start = f"MATCH (n:{label(item_type)})"
    order, indexed = _ordered(item_type, expression, descending)
    if indexed and not search:
        conditions.insert(0, indexed)
    return start, False, False, conditions, order, None
