"""The compiled read path answers exactly what the resolvers answer, in one statement per root field."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import strawberry

from api.compile import SWITCH, CompilingExecutionContext
from api.compile.cache import statements
from api.context import Context
from api.schema import schema
from graph.store import Graph, counting, db_hits

pytestmark = pytest.mark.neo4j


def run(
    graph: Graph, query: str, variables: dict[str, Any] | None = None, *, compiled: bool = True
) -> tuple[Any, list[dict[str, Any]], list[str]]:
    """data, errors (as the client sees them) and the statements read, on one path."""
    from api.schema import public_error

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SWITCH, "1" if compiled else "0")
        with counting() as counter:
            result = asyncio.run(
                schema.execute(query, variable_values=variables, context_value=Context(graph))
            )
    errors = [public_error(error) for error in result.errors or []]
    return result.data, errors, counter.queries


def same(graph: Graph, query: str, variables: dict[str, Any] | None = None) -> tuple[Any, list[str]]:
    """The compiled answer, checked equal to the resolvers' (data and errors); and its statements."""
    data, errors, queries = run(graph, query, variables)
    old_data, old_errors, _ = run(graph, query, variables, compiled=False)
    assert errors == old_errors
    assert data == old_data
    assert data is not None or errors, "an answer has data or says why not"
    return data, queries


ALIASES = """
fragment Names on Organization { name shortName }
query { first: projects(first: 3) { items: nodes { id: iri heading: title budget status
    ... on Project { identifier start end provenance { source partner } } } }
  orgs: organizations(first: 4) { nodes { kind ...Names label: name __typename } pageInfo { hasNextPage } } }
"""


def test_aliases_fragments_and_typenames_answer_as_the_resolvers(seeded: Graph) -> None:
    data, queries = same(seeded, ALIASES)
    assert len(data["first"]["items"]) == 3 and data["first"]["items"][0]["heading"]
    assert {org["__typename"] for org in data["orgs"]["nodes"]} - {"OtherOrganization"}, "kinds resolved"
    assert len(queries) == 2, "one statement per root field"


NESTED = """
query($after: String) { organizations(first: 5) { totalCount nodes { name
  projects(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { identifier title
      participations { role organization { name } project { identifier } }
      countries { percentage country { iso2 name } project { title } }
      themes { notation prefLabel } crimeTypes { notation } } } } } } }
"""


def test_nested_pages_and_their_cursors_answer_as_the_resolvers(seeded: Graph) -> None:
    first, queries = same(seeded, NESTED)
    assert len(queries) == 1
    busiest = max(first["organizations"]["nodes"], key=lambda org: org["projects"]["totalCount"])
    assert busiest["projects"]["pageInfo"]["hasNextPage"], "the seed has an organization with > 4 projects"
    after = busiest["projects"]["pageInfo"]["endCursor"]
    second, _ = same(seeded, NESTED, {"after": after})
    again = next(o for o in second["organizations"]["nodes"] if o["name"] == busiest["name"])
    assert again["projects"]["pageInfo"]["hasPreviousPage"]
    assert again["projects"]["edges"][0]["node"]["identifier"] not in {
        edge["node"]["identifier"] for edge in busiest["projects"]["edges"]
    }


def test_total_count_is_counted_only_when_selected(seeded: Graph) -> None:
    _, _, without = run(seeded, "{ projects(first: 2) { nodes { iri } } }")
    _, _, counted = run(seeded, "{ projects(first: 2) { totalCount nodes { iri } } }")
    assert "COUNT {" not in without[0] and "count(" not in without[0]
    assert "COUNT {" in counted[0]
    filtered, _, texts = run(seeded, '{ projects(filter: {countries: ["NG"]}) { totalCount } }')
    assert "count(" in texts[0] and filtered["projects"]["totalCount"] > 0


FILTERED = """
query($countries: [String!], $sort: ProjectSort, $search: String, $statuses: [ActivityStatus!]) {
  projects(filter: {countries: $countries, search: $search, statuses: $statuses}, sort: $sort, first: 7) {
    totalCount nodes { identifier title budget start status } } }
"""


@pytest.mark.parametrize(
    "variables",
    [
        {"countries": ["NG"]},
        {"countries": ["NG", "TH"], "sort": {"field": "BUDGET", "direction": "DESC"}},
        {"sort": {"field": "START"}},
        {"sort": {"field": "TITLE", "direction": "DESC"}},
        {"search": "shelter"},
        {"statuses": ["IMPLEMENTATION"], "sort": {"field": "IDENTIFIER"}},
    ],
)
def test_filters_and_sorts_answer_as_the_resolvers(seeded: Graph, variables: dict[str, Any]) -> None:
    data, queries = same(seeded, FILTERED, variables)
    assert data["projects"]["nodes"], "each case finds projects in the seed"
    assert len(queries) == 1


def test_organization_and_country_lists_answer_as_the_resolvers(seeded: Graph) -> None:
    query = """{ organizations(sort: {field: NAME, direction: DESC}, first: 3) { nodes { name identifier
        orgType projects(role: IMPLEMENTING, first: 2) { nodes { title } } } }
      countries(first: 3, after: "Y3Vyc29yOjA=") { edges { cursor node { iso2 name
        projects(first: 2, filter: {includeWithdrawn: true}) { totalCount nodes { identifier } } } } } }"""
    data, queries = same(seeded, query)
    assert len(queries) == 2
    assert any(org["projects"]["nodes"] for org in data["organizations"]["nodes"])


FALLBACK = """{ projects(first: 3) { nodes { title titles { language text } organizations { name }
  history { action } participations { organization { name names { text } memberships { role } } } }
  } }"""


def test_fields_not_compiled_are_answered_by_their_resolvers(seeded: Graph) -> None:
    data, queries = same(seeded, FALLBACK)
    assert data["projects"]["nodes"][0]["organizations"], "the fallback reached the project's organizations"
    assert len(queries) > 1, "the subtrees the compiler leaves ran their resolvers"
    narrowed = "{ organizations(first: 5) { nodes { __typename ... on Agency { name } } } }"
    _, queries = same(seeded, narrowed)
    assert "CALL ()" not in queries[0], "a fragment on one kind is answered by the resolvers"


def test_a_backward_page_is_answered_by_the_resolvers(seeded: Graph) -> None:
    data, _ = same(seeded, "{ projects(last: 2) { nodes { identifier } pageInfo { hasPreviousPage } } }")
    assert len(data["projects"]["nodes"]) == 2


def test_errors_keep_their_shape_and_path(seeded: Graph) -> None:
    _, errors, _ = run(seeded, '{ projects(after: "nonsense") { nodes { iri } } }')
    assert errors and errors[0]["path"] == ["projects"]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    same(seeded, '{ projects(after: "nonsense") { nodes { iri } } }')
    nested = "{ organizations(first: 2) { nodes { name projects(first: 500) { nodes { iri } } } } }"
    same(seeded, nested)
    _, errors, _ = run(seeded, nested)
    assert errors[0]["path"] == ["organizations", "nodes", 0, "projects"], "reported where the resolver does"
    same(seeded, "{ projects(first: 101) { nodes { iri } } }")


def test_a_statement_is_compiled_once_per_document_and_values_stay_parameters(seeded: Graph) -> None:
    statements.clear()
    query = "query($c: [String!]) { projects(filter: {countries: $c}, first: 2) { nodes { iri } } }"
    one, _, first = run(seeded, query, {"c": ["NG"]})
    other, _, second = run(seeded, query, {"c": ["TH"]})
    assert statements.counts.misses == 1 and statements.counts.hits == 1
    assert first == second, "the same text, other parameters"
    assert one != other
    marker = "Zq9xWv"
    _, _, texts = run(
        seeded, f'{{ projects(filter: {{search: "{marker}", partner: "{marker}p"}}) {{ nodes {{ iri }} }} }}'
    )
    assert texts and all(marker not in text for text in texts)


LOOKUPS = """query($project: ID!, $organization: ID!, $iso2: String!) {
  project(iri: $project) { title status participations { role organization { __typename name } } }
  organization(iri: $organization) { __typename name kind projects(first: 3) { totalCount nodes { title } } }
  country(iso2: $iso2) { name iso3 region { name } projects(first: 2) { nodes { identifier } } } }"""


def test_lookups_by_key_answer_as_the_resolvers(seeded: Graph) -> None:
    page, _, _ = run(
        seeded, "{ projects(first: 1) { nodes { iri participations { organization { iri } } } } }"
    )
    project = page["projects"]["nodes"][0]
    variables = {
        "project": project["iri"],
        "organization": project["participations"][0]["organization"]["iri"],
        "iso2": " ng ",
    }
    data, queries = same(seeded, LOOKUPS, variables)
    assert data["project"]["title"] and data["organization"]["projects"]["nodes"] and data["country"]["name"]
    assert len(queries) == 4, "three compiled lookups, and the resolvers of the country's region"
    missing = {
        **variables,
        "project": "https://example.org/none",
        "organization": project["iri"],
        "iso2": "ZZ",
    }
    data, _ = same(seeded, LOOKUPS, missing)
    assert data == {"project": None, "organization": None, "country": None}, "a project is no organization"
    same(seeded, '{ project(identifier: "P001") { title } }')
    same(seeded, '{ project(iri: "x", identifier: "P001") { title } }')


# -- a busy organization's page, read from the title index (the walk) or by expanding its links -----------
BUSY, LATE, WALKED = 740, 520, 630
"""Links of the busy organization (500 projects, 240 of them twice: funding and implementing), of the late one
(130 projects in each of the four roles, titled after every other project), and the projects added beside
the seed's 30."""


@pytest.fixture
def busy(seeded: Graph) -> Iterator[Graph]:
    """The seed plus an organization linked to 500 of 630 added projects, whose titles tie in 50 groups (every
    9th withdrawn), and one linked only to the 130 others, titled after all; a country holding all 630 and one
    holding the busy organization's 500; removed after the test."""
    from graph.records import Edge, Node, write_records
    from ontology.mapping import labels_for
    from tests.api.seed import iri, node

    nodes = [
        node("organization", "busy", "NGO", name="Busy Alliance"),
        node("organization", "late", "NGO", name="Busy Latecomer"),
        node("country", "XA", "Country", iso2="XA", iso3="XAA", name="Walkland A"),
        node("country", "XB", "Country", iso2="XB", iso3="XBB", name="Walkland B"),
    ]
    edges: list[Edge] = []

    def link(project: str, role: str, org: str) -> None:
        participation = f"{project}/participation/{role}/{org}"
        nodes.append(Node(participation, labels_for("Participation"), {"role": role}))
        edges.extend(
            [
                Edge(project, "HAS_PARTICIPATION", participation),
                Edge(participation, "PARTICIPANT", iri("organization", org)),
            ]
        )

    for i in range(WALKED):
        project = iri("project", f"walk/W{i:03d}")
        title = f"Walk {i % 50:02d}" if i < 500 else f"Zz late {i % 3}"
        props = {"identifier": f"W{(i * 37) % WALKED:03d}", "title": title, "withdrawn": i % 9 == 4}
        nodes.append(Node(project, labels_for("Project"), props))
        if i < 500:
            link(project, "implementing", "busy")
        if i < 240:
            link(project, "funding", "busy")
        if i >= 500:
            for role in ("funding", "accountable", "extending", "implementing"):
                link(project, role, "late")
        for country in ("XA", "XB") if i < 500 else ("XA",):
            allocation = f"{project}/country/{country}"
            nodes.append(Node(allocation, labels_for("CountryAllocation"), {"percentage": 50.0}))
            edges.extend(
                [
                    Edge(project, "HAS_COUNTRY_ALLOCATION", allocation),
                    Edge(allocation, "COUNTRY", iri("country", country)),
                ]
            )
    write_records(seeded, nodes, edges)
    try:
        yield seeded
    finally:
        prefixes = [iri("project", "walk/"), iri("organization", "busy"), iri("organization", "late")]
        prefixes += [iri("country", "XA"), iri("country", "XB")]
        seeded.write(
            "MATCH (n) WHERE any(p IN $prefixes WHERE n.iri STARTS WITH p) DETACH DELETE n",
            {"prefixes": prefixes},
        )


def _db_hits(graph: Graph, query: str, variables: dict[str, Any]) -> int:
    """The PROFILE db hits of the compiled statement of a one-root query."""
    reads: list[tuple[str, dict[str, Any]]] = []
    read = graph.read
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            graph,
            "read",
            lambda text, params=None, timeout=None: (
                reads.append((text, dict(params or {}))) or read(text, params, timeout)
            ),
        )
        run(graph, query, variables)
    assert len(reads) == 1, "one compiled statement"
    return db_hits(graph.plan(*reads[0], profile=True))


WALK = """query($org: ID!, $first: Int, $after: String, $sort: ProjectSort, $role: ParticipationRole) {
  organization(iri: $org) { name projects(first: $first, after: $after, sort: $sort, role: $role) { totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { identifier title } } } } }"""


def test_a_busy_organizations_page_is_read_from_the_index_as_the_resolvers_answer(busy: Graph) -> None:
    from tests.api.seed import iri

    org = iri("organization", "busy")
    cases: list[dict[str, Any]] = [
        {"first": 2},
        {"first": 1, "after": "Y3Vyc29yOjA="},  # position 0: the page starts at the tie's second project
        {"first": 2, "sort": {"field": "TITLE", "direction": "DESC"}},
        {"first": 2, "sort": {"field": "IDENTIFIER"}},
        {"first": 2, "role": "FUNDING"},
        {"first": 2, "role": "IMPLEMENTING"},
    ]
    for case in cases:
        data, _ = same(busy, WALK, {"org": org, **case})
        page = data["organization"]["projects"]
        assert page["pageInfo"]["hasNextPage"] and len(page["edges"]) == case["first"], case
    first, _ = same(busy, WALK, {"org": org, "first": 2})
    titles = [edge["node"]["title"] for edge in first["organization"]["projects"]["edges"]]
    assert titles == ["Walk 00", "Walk 00"], "the page sits inside a tie of titles, broken by IRI"
    assert first["organization"]["projects"]["totalCount"] == 500 - 56, "distinct visible projects"
    hits = _db_hits(busy, WALK.replace("totalCount", ""), {"org": org, "first": 2})
    # expanding reads at least 3 db hits a link (the link, the Participation, its project) before sorting
    assert hits < 2 * BUSY, f"{hits} db hits: the page was read from the title index"


def test_a_walk_that_its_budget_does_not_settle_expands_the_scope(busy: Graph) -> None:
    from tests.api.seed import iri

    org = iri("organization", "late")
    data, _ = same(busy, WALK, {"org": org, "first": 2})
    assert [e["node"]["title"] for e in data["organization"]["projects"]["edges"]] == ["Zz late 0"] * 2
    hits = _db_hits(busy, WALK.replace("totalCount", ""), {"org": org, "first": 2})
    assert hits > 3 * LATE, "the budget's candidates held none of its projects: the links were expanded"
    nested = """{ organizations(first: 20) { nodes { name projects(first: 2) { pageInfo { hasNextPage }
      nodes { identifier title } } } } }"""
    data, _ = same(busy, nested)
    pages = {org["name"]: org["projects"]["nodes"] for org in data["organizations"]["nodes"]}
    assert len(pages["Busy Alliance"]) == 2 and len(pages["Busy Latecomer"]) == 2


def test_two_participations_of_one_organization_and_nested_pages_answer_as_the_resolvers(busy: Graph) -> None:
    """The organizations' pages of 2: one shared walk of the title index (their 1,320 links outweigh its 384
    candidates) settles the busy one and the seed's; the late one walks, then expands, on its own."""
    from tests.api.seed import iri

    shared = """query($iri: ID!) { project(iri: $iri) { participations { role organization { name
      projects(first: 2) { pageInfo { hasNextPage endCursor } nodes { identifier title } } } } } }"""
    data, _ = same(busy, shared, {"iri": iri("project", "walk/W000")})
    pages = [x["organization"]["projects"]["nodes"] for x in data["project"]["participations"]]
    assert len(pages) == 2 and pages[0] == pages[1], "funding and implementing: one organization, one page"
    nested = """query($after: String) { organizations(first: 20) { nodes { name
      projects(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage }
        edges { cursor node { identifier title } } } } } }"""
    first, texts = same(busy, nested)
    assert "shared" in texts[0], "the organizations' pages come from one shared walk"
    sizes = {org["name"]: len(org["projects"]["edges"]) for org in first["organizations"]["nodes"]}
    assert sizes["Busy Alliance"] == 2 and sizes["Busy Latecomer"] == 2, "walked, and expanded after the walk"
    assert min(sizes.values()) == 0, "an organization without projects has an empty page"
    later, _ = same(busy, nested, {"after": "Y3Vyc29yOjE="})  # position 1: the page cuts into a tie
    busy_page = next(o for o in later["organizations"]["nodes"] if o["name"] == "Busy Alliance")["projects"]
    assert busy_page["pageInfo"]["hasPreviousPage"] and busy_page["edges"][0]["cursor"] == "Y3Vyc29yOjI="


def test_countries_pages_are_walked_as_the_resolvers_answer(busy: Graph) -> None:
    """Pages of 2: the countries' 1,160 links outweigh the shared walk's 384 candidates; one country alone
    (first: 1 after the seed's four) walks the index on its own."""
    query = """query($after: String) { countries(first: 6, after: $after) { nodes { iso2
      projects(first: 2) { pageInfo { hasNextPage } nodes { identifier title } } } } }"""
    data, texts = same(busy, query)
    assert "shared" in texts[0]
    pages = {country["iso2"]: country["projects"]["nodes"] for country in data["countries"]["nodes"]}
    assert [p["title"] for p in pages["XA"]] == ["Walk 00", "Walk 00"] and len(pages["XB"]) == 2
    alone = """{ country(iso2: "XB") { projects(first: 2, sort: {field: TITLE, direction: DESC}) {
      nodes { identifier title } } } }"""
    data, _ = same(busy, alone)
    assert [p["title"] for p in data["country"]["projects"]["nodes"]] == ["Walk 49", "Walk 49"]


def test_an_organization_in_many_participations_has_its_page_found_once(busy: Graph) -> None:
    """Six projects (highest identifiers), each with two participations of the busy organization: its page of
    one comes from one shared walk (its 740 links outweigh 256 candidates), found once for twelve uses."""
    query = """{ projects(first: 6, sort: {field: IDENTIFIER, direction: DESC}) { nodes { identifier
      participations { role organization { name projects(first: 1) { pageInfo { hasNextPage endCursor }
        nodes { identifier title } } } } } } }"""
    data, texts = same(busy, query)
    assert "shared" in texts[0] and "WITH DISTINCT anchor" in texts[0]
    pages = [
        x["organization"]["projects"]
        for project in data["projects"]["nodes"]
        for x in project["participations"]
    ]
    assert len(pages) == 12 and all(page == pages[0] for page in pages)
    assert pages[0]["nodes"][0]["title"] == "Walk 00"
    funding = query.replace("participations {", "participations(role: FUNDING) {")
    funding = funding.replace("projects(first: 1)", 'projects(first: 1, after: "Y3Vyc29yOjA=")')
    data, _ = same(busy, funding)
    assert all(len(p["participations"]) == 1 for p in data["projects"]["nodes"])


ANALYTICS = """
query ($day: Date) {
  coverage(asOf: $day) { countryCode themeNotation projects organizations budgets { currency amount } }
  overlaps(asOf: $day) { countryCode themeNotation start end sharedMechanisms actorA { iri name kind } }
  gaps(asOf: $day) { kind countryCode themeNotation reason related }
  overview: networkOverview(asOf: $day, level: REGION) {
    asOf level weight: projects linksLeftOut
    organizations { iri label: name kind projects places budgets { currency amount } __typename }
    places { key name projects } links { organization place projects budgets { amount } }
  }
}
"""


def test_analytics_leaves_read_from_their_objects_answer_as_the_resolvers(seeded: Graph) -> None:
    data, _ = same(seeded, ANALYTICS, {"day": "2022-06-01"})
    assert data["coverage"] and data["overlaps"] and data["gaps"], "the fixture has an answer of each"
    overview = data["overview"]
    assert overview["level"] == "REGION" and overview["asOf"] == "2022-06-01" and overview["weight"] > 0
    assert all(
        org["label"] and org["__typename"] == "OverviewOrganization" for org in overview["organizations"]
    )


@strawberry.type
class PlainItem:
    count: int
    day: dt.date | None
    tags: list[str] = strawberry.field(default_factory=lambda: ["a", "b"])


@strawberry.type
class PlainQuery:
    @strawberry.field
    def items(self) -> list[PlainItem | None]:
        wrong: Any = None
        not_a_date: Any = "x"
        return [
            PlainItem(count=1, day=dt.date(2024, 1, 2)),
            PlainItem(count=wrong, day=None),
            PlainItem(count=2, day=not_a_date),
            PlainItem(count=3, day=None, tags=["c", wrong]),
        ]


def test_a_plain_leaf_that_breaks_its_type_is_an_error_at_its_path() -> None:
    """The resolver-free read of a plain field keeps graphql-core's nullability and serialization errors."""
    answers = []
    for context_class in (None, CompilingExecutionContext):
        plain = strawberry.Schema(query=PlainQuery, execution_context_class=context_class)
        result = plain.execute_sync("{ items { count day tags } }")
        answers.append((result.data, sorted((e.message, tuple(e.path or ())) for e in result.errors or [])))
    assert answers[1] == answers[0]
    data, errors = answers[1]
    tags = ["a", "b"]
    assert data == {
        "items": [
            {"count": 1, "day": "2024-01-02", "tags": tags},
            None,
            {"count": 2, "day": None, "tags": tags},
            None,
        ]
    }
    assert sorted(path for _, path in errors) == [
        ("items", 1, "count"),
        ("items", 2, "day"),
        ("items", 3, "tags", 1),
    ]


@strawberry.type
class RegularQuery:
    @strawberry.field
    def items(self) -> list[PlainItem]:
        return [PlainItem(count=n, day=dt.date(2024, 1, n), tags=[str(n)]) for n in range(1, 4)]


def test_an_object_of_plain_leaves_is_read_in_one_pass_as_the_resolvers_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An object whose selection is plain leaves only (aliases and __typename too) is read without a field's
    execution each; the answer is graphql-core's, and an irregular one is still completed by graphql-core."""
    document = "{ items { count n: count day tags kind: __typename } }"
    fields: list[str] = []
    execute_field = CompilingExecutionContext.execute_field

    def counted(self: CompilingExecutionContext, parent_type: Any, *args: Any, **kwargs: Any) -> Any:
        fields.append(parent_type.name)
        return execute_field(self, parent_type, *args, **kwargs)

    monkeypatch.setattr(CompilingExecutionContext, "execute_field", counted)
    answers = [
        strawberry.Schema(query=RegularQuery, execution_context_class=context).execute_sync(document)
        for context in (None, CompilingExecutionContext)
    ]
    assert answers[1].data == answers[0].data and not answers[1].errors
    assert answers[1].data == {
        "items": [
            {"count": n, "n": n, "day": f"2024-01-0{n}", "tags": [str(n)], "kind": "PlainItem"}
            for n in (1, 2, 3)
        ]
    }
    assert fields == ["RegularQuery"], "the items' fields were executed one by one"
    fields.clear()
    irregular = strawberry.Schema(query=PlainQuery, execution_context_class=CompilingExecutionContext)
    assert irregular.execute_sync("{ items { count } }").errors
    assert "PlainItem" in fields, "an irregular item is completed field by field"
