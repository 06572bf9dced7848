"""Queries against the seeded graph: lookups, lists, filters, sorting, pagination and walks both ways."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.api.conftest import data, post
from tests.api.seed import PROJECTS, project_specs

pytestmark = pytest.mark.neo4j

SPECS = project_specs()


def identifiers(connection: dict[str, Any]) -> list[str]:
    return [node["identifier"] for node in connection["nodes"]]


def test_projects_are_sorted_paged_and_counted(client: TestClient) -> None:
    page = data(
        client,
        "{ projects(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } "
        "nodes { identifier title } } }",
    )["projects"]
    expected = sorted(SPECS, key=lambda s: s.title)
    assert page["totalCount"] == PROJECTS
    assert identifiers(page) == [s.key for s in expected[:5]]
    assert page["pageInfo"]["hasNextPage"] and not page["pageInfo"]["hasPreviousPage"]
    following = data(
        client,
        "query($after: String) { projects(first: 100, after: $after) { nodes { identifier } "
        "pageInfo { hasNextPage hasPreviousPage } } }",
        {"after": page["pageInfo"]["endCursor"]},
    )["projects"]
    assert identifiers(following) == [s.key for s in expected[5:]]
    assert not following["pageInfo"]["hasNextPage"] and following["pageInfo"]["hasPreviousPage"]


def test_last_and_before_page_backwards(client: TestClient) -> None:
    expected = [s.key for s in sorted(SPECS, key=lambda s: s.title)]
    tail = data(client, "{ projects(last: 3) { nodes { identifier } edges { cursor } } }")["projects"]
    assert identifiers(tail) == expected[-3:]
    before = data(
        client,
        "query($before: String) { projects(last: 2, before: $before) { nodes { identifier } } }",
        {"before": tail["edges"][0]["cursor"]},
    )["projects"]
    assert identifiers(before) == expected[-5:-3]


def test_sort_by_budget_descending(client: TestClient) -> None:
    page = data(client, "{ projects(first: 3, sort: {field: BUDGET, direction: DESC}) { nodes { budget } } }")
    budgets = [node["budget"] for node in page["projects"]["nodes"]]
    assert budgets == sorted((s.budget for s in SPECS), reverse=True)[:3]


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"countries": ["ng"]}, {s.key for s in SPECS if s.country == "NG"}),
        ({"regions": ["202"]}, {s.key for s in SPECS if s.country in ("NG", "KE")}),
        (
            {"themes": ["PROTECTION"]},
            {s.key for s in SPECS if s.theme in ("protection", "shelter-and-assistance")},
        ),
        ({"statuses": ["CANCELLED"]}, {s.key for s in SPECS if s.status == "5"}),
        ({"organizationKinds": ["NGO"]}, {s.key for s in SPECS if s.implementer == "hope"}),
        ({"organizationTypes": ["GOVERNMENT"], "roles": ["FUNDING"]}, {s.key for s in SPECS}),
        ({"organizationTypes": ["GOVERNMENT"], "roles": ["IMPLEMENTING"]}, set()),
        (
            {"mechanisms": ["https://w3id.org/cograph/id/organization/icat"]},
            {s.key for s in SPECS if s.implementer in ("iom", "unodc")},
        ),
        (
            {"activeAsOf": "2021-06-01"},
            {
                s.key
                for s in SPECS
                if s.status != "5" and s.start.isoformat() <= "2021-06-01" <= s.end.isoformat()
            },
        ),
        ({"search": "shelter"}, {s.key for s in SPECS if "shelter" in s.title}),
        (
            {"search": "shelt", "countries": ["TH"]},
            {s.key for s in SPECS if "shelter" in s.title and s.country == "TH"},
        ),
    ],
)
def test_project_filters(client: TestClient, filter: dict[str, object], expected: set[str]) -> None:
    page = data(
        client,
        "query($filter: ProjectFilter) { projects(filter: $filter, first: 100) { totalCount nodes { identifier } } }",
        {"filter": filter},
    )["projects"]
    assert set(identifiers(page)) == expected
    assert page["totalCount"] == len(expected)


def test_organization_projects_by_role_with_nested_filter(client: TestClient) -> None:
    org = data(
        client,
        '{ organization(identifier: "XM-DAC-47066") { __typename name kind '
        'projects(role: IMPLEMENTING, filter: {countries: ["NG"]}, first: 50) { totalCount nodes { identifier } } } }',
    )["organization"]
    assert org["__typename"] == "Agency" and org["kind"] == "AGENCY"
    expected = {s.key for s in SPECS if s.implementer == "iom" and s.country == "NG"}
    assert set(identifiers(org["projects"])) == expected and expected


def test_organization_list_filters(client: TestClient) -> None:
    found = data(client, "{ organizations(filter: {kinds: [AGENCY]}) { nodes { shortName } } }")[
        "organizations"
    ]
    assert [n["shortName"] for n in found["nodes"]] == ["IOM", "UNODC"]
    members = data(
        client,
        '{ organizations(filter: {mechanisms: ["https://w3id.org/cograph/id/organization/icat"]}) '
        "{ nodes { shortName } } }",
    )["organizations"]
    assert {n["shortName"] for n in members["nodes"]} == {"IOM", "UNODC"}
    searched = data(client, '{ organizations(filter: {search: "hope"}) { nodes { name } } }')["organizations"]
    assert [n["name"] for n in searched["nodes"]] == ["Hope Shelter Network"]
    desc = data(client, "{ organizations(sort: {direction: DESC}, first: 1) { nodes { name } } }")
    assert desc["organizations"]["nodes"][0]["name"] == "United Nations Office on Drugs and Crime"


def test_project_walks_to_participants_countries_and_themes_and_back(client: TestClient) -> None:
    project = data(
        client,
        '{ project(identifier: "P001") { title titles { language text } status start end provenance { partner sourceFile } '
        "participations { role organization { name } project { identifier } } "
        "organizations(role: IMPLEMENTING) { name } "
        "countries { percentage country { iso2 subregion { m49 } projects(first: 100) { totalCount } } project { identifier } } "
        "themes { notation broader { notation narrower { notation } } } crimeTypes { notation } } }",
    )["project"]
    spec = SPECS[1]
    assert project["title"] == spec.title and project["status"] == "IMPLEMENTATION"
    assert {"language": "fr", "text": "Projet P001"} in project["titles"]
    assert project["start"] == spec.start.isoformat() and project["provenance"] == {
        "partner": "seed",
        "sourceFile": "seed.json",
    }
    assert {(p["role"], p["organization"]["name"]) for p in project["participations"]} == {
        ("FUNDING", "Ministry of Foreign Affairs"),
        ("IMPLEMENTING", "Hope Shelter Network"),
    }
    assert all(p["project"]["identifier"] == "P001" for p in project["participations"])
    assert project["organizations"] == [{"name": "Hope Shelter Network"}]
    [allocation] = project["countries"]
    assert allocation["country"]["iso2"] == spec.country and allocation["project"]["identifier"] == "P001"
    assert allocation["country"]["projects"]["totalCount"] == sum(
        1 for s in SPECS if s.country == spec.country
    )
    [theme] = project["themes"]
    assert theme["notation"] == spec.theme
    assert {"notation": spec.theme} in theme["broader"][0]["narrower"]
    assert project["crimeTypes"] == [{"notation": "trafficking-in-persons"}]


def test_theme_projects_include_narrower(client: TestClient) -> None:
    theme = data(client, "{ theme(notation: PREVENTION) { prefLabel projects(first: 100) { totalCount } } }")[
        "theme"
    ]
    assert theme["projects"]["totalCount"] == sum(
        1 for s in SPECS if s.theme in ("prevention", "awareness-raising")
    )


def test_mechanism_memberships_both_ways(client: TestClient) -> None:
    icat = data(
        client,
        '{ organization(iri: "https://w3id.org/cograph/id/organization/icat") { __typename managedBy { shortName } '
        "... on CoordinationMechanism { all: members { role start end member { shortName } mechanism { shortName } } "
        'now: members(activeAsOf: "2020-01-01") { member { shortName } } } } }',
    )["organization"]
    assert icat["__typename"] == "CoordinationMechanism" and icat["managedBy"] == {"shortName": "UNODC"}
    assert {(m["member"]["shortName"], m["role"]) for m in icat["all"]} == {
        ("UNODC", "coordinator"),
        ("IOM", "member"),
    }
    assert all(m["mechanism"]["shortName"] == "ICAT" for m in icat["all"])
    assert [m["member"]["shortName"] for m in icat["now"]] == ["UNODC"]
    unodc = data(
        client,
        '{ organizations(filter: {search: "UNODC"}) { nodes { memberships { role } manages { shortName } '
        "managedFunds { name } } } }",
    )["organizations"]["nodes"][0]
    assert unodc == {
        "memberships": [{"role": "coordinator"}],
        "manages": [{"shortName": "ICAT"}],
        "managedFunds": [{"name": "UN Voluntary Trust Fund for Victims of Trafficking"}],
    }


def test_countries_regions_and_commitments(client: TestClient) -> None:
    africa = data(
        client, '{ countries(filter: {regions: ["002"]}) { totalCount nodes { iso2 region { name } } } }'
    )
    assert [n["iso2"] for n in africa["countries"]["nodes"]] == ["KE", "NG"]
    regions = data(client, "{ regions { m49 countries { iso2 } } }")["regions"]
    assert {"m49": "150", "countries": [{"iso2": "DE"}]} in regions
    nigeria = data(
        client,
        '{ country(iso2: "ng") { name iso3 isoNumeric ratifications { date kind instrument { shortName partOf { shortName } } } '
        "commitments { __typename } grants { amount fund { name } grantee { name } themes { notation } } } }",
    )["country"]
    assert nigeria["name"] == "Nigeria" and nigeria["iso3"] == "NGA"
    assert nigeria["ratifications"] == [
        {
            "date": "2001-06-28",
            "kind": "RATIFICATION",
            "instrument": {"shortName": "TIP Protocol", "partOf": {"shortName": "UNTOC"}},
        }
    ]
    assert nigeria["grants"][0]["grantee"]["name"] == "Hope Shelter Network"
    thailand = data(
        client,
        '{ country(iso2: "TH") { pledges { description pledgedBy { shortName } themes { notation } } } }',
    )
    assert thailand["country"]["pledges"] == [
        {
            "description": "Train border officials",
            "pledgedBy": {"shortName": "IOM"},
            "themes": [{"notation": "prevention"}],
        }
    ]
    germany = data(client, '{ country(iso2: "DE") { actionPlans { title start end country { iso2 } } } }')
    assert germany["country"]["actionPlans"][0]["country"] == {"iso2": "DE"}


def test_instruments_obligations_funds_and_lists(client: TestClient) -> None:
    instruments = data(
        client,
        "{ legalInstruments { totalCount nodes { shortName parts { shortName } obligations { article themes { notation } "
        "instrument { shortName } } ratifications { country { iso2 } } } } }",
    )["legalInstruments"]
    by_name = {n["shortName"]: n for n in instruments["nodes"]}
    assert by_name["UNTOC"]["parts"] == [{"shortName": "TIP Protocol"}]
    assert by_name["TIP Protocol"]["obligations"] == [
        {"article": "6", "themes": [{"notation": "protection"}], "instrument": {"shortName": "TIP Protocol"}}
    ]
    assert by_name["TIP Protocol"]["ratifications"] == [{"country": {"iso2": "NG"}}]
    theme = data(
        client,
        "{ theme(notation: PROTECTION) { obligations { article } narrower { notation grants { amount } } } }",
    )
    assert theme["theme"]["obligations"] == [{"article": "6"}]
    lists = data(
        client,
        "{ funds { nodes { name grants { currency } managedBy { shortName } } } grants { totalCount } "
        'commitments(country: "TH") { nodes { __typename } } themes(scheme: "crime-types") { nodes { notation } } }',
    )
    assert lists["funds"]["nodes"][0]["managedBy"] == {"shortName": "UNODC"}
    assert lists["grants"]["totalCount"] == 1
    assert lists["commitments"]["nodes"] == [{"__typename": "Pledge"}]
    assert lists["themes"]["nodes"] == [{"notation": "trafficking-in-persons"}]


def test_lookups_of_missing_things_are_null(client: TestClient) -> None:
    found = data(
        client,
        '{ project(identifier: "nope") { title } country(iso2: "ZZ") { name } '
        'organization(iri: "https://w3id.org/cograph/id/country/NG") { name } }',
    )
    assert found == {"project": None, "country": None, "organization": None}


def test_lookup_needs_exactly_one_key(client: TestClient) -> None:
    body = post(client, "{ organization { name } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_nested_pages_follow_each_other_without_counting(client: TestClient) -> None:
    query = (
        'query($after: String, $last: Int, $before: String) { organization(identifier: "XM-DAC-47066") { '
        "first: projects(first: 4, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { identifier } } "
        "back: projects(last: $last, before: $before) { nodes { identifier } } } }"
    )
    expected = [s.key for s in sorted((s for s in SPECS if s.implementer == "iom"), key=lambda s: s.title)]
    start = data(client, query, {"last": 1, "before": None})["organization"]
    assert identifiers(start["first"]) == expected[:4] and identifiers(start["back"]) == expected[-1:]
    assert start["first"]["pageInfo"]["hasNextPage"] and not start["first"]["pageInfo"]["hasPreviousPage"]
    cursor = start["first"]["pageInfo"]["endCursor"]
    after = data(client, query, {"after": cursor, "last": 2, "before": cursor})["organization"]
    assert identifiers(after["first"]) == expected[4:8] and after["first"]["pageInfo"]["hasPreviousPage"]
    assert identifiers(after["back"]) == expected[1:3]  # the two just before position 3
